using System.Diagnostics;
using System.Globalization;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A real Prometheus Alertmanager (Debian's 0.25) on 127.0.0.1, with its own storage directory, killed on dispose.</summary>
internal sealed class AlertmanagerProcess : IDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringWriter _log = new(CultureInfo.InvariantCulture);

    /// <summary>Starts Alertmanager; <paramref name="clusterPort"/> null means no clustering.</summary>
    public AlertmanagerProcess(Uri webhook, int? clusterPort = null, IEnumerable<int>? peerPorts = null)
    {
        _directory = Directory.CreateTempSubdirectory("rxmon-am-").FullName;
        WebPort = LoopbackHttpReceiver.FreePort();
        var config = Path.Combine(_directory, "alertmanager.yml");
        File.WriteAllText(config, $"""
            route:
              receiver: hook
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: '{webhook}'
                    send_resolved: true
            """);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.path={Path.Combine(_directory, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{WebPort}");
        start.ArgumentList.Add(clusterPort is { } port ? $"--cluster.listen-address=127.0.0.1:{port}" : "--cluster.listen-address=");
        if (clusterPort is not null)
        {
            start.ArgumentList.Add("--cluster.peer-timeout=2s");
            start.ArgumentList.Add("--cluster.gossip-interval=100ms");
            start.ArgumentList.Add("--cluster.pushpull-interval=1s");
            foreach (var peer in peerPorts ?? [])
            {
                start.ArgumentList.Add($"--cluster.peer=127.0.0.1:{peer}");
            }
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int WebPort { get; }

    public Uri Url => new($"http://127.0.0.1:{WebPort}/");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Waits until <c>/-/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Alertmanager exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = http.GetAsync(new Uri(Url, "-/ready")).GetAwaiter().GetResult();
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"Alertmanager ready on {Url}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }
}
