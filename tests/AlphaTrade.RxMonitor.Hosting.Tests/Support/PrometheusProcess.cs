using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>
/// A real Prometheus (Debian <c>prometheus</c>, /usr/bin/prometheus) on a free loopback port with a temporary
/// TSDB, scraping one target every second. Disposing kills it and deletes its files.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly string _directory;
    private readonly Process _process;
    private readonly HttpClient _client;

    private PrometheusProcess(string directory, Process process, Uri address)
    {
        _directory = directory;
        _process = process;
        _client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<PrometheusProcess> StartAsync(Uri target, string? bearerToken, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("rxmon-prometheus-").FullName;
        var port = FreeLoopbackPort();
        var authorization = bearerToken is null ? string.Empty : $"\n    authorization:\n      credentials: '{bearerToken}'";
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: rxmon
                static_configs:
                  - targets: ['{target.Authority}']{authorization}
            """, cancellationToken);
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(directory, process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await prometheus.WaitReadyAsync(cancellationToken);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs an instant query until it returns at least one series; returns the first, or null when the deadline passes.</summary>
    public async Task<JsonElement?> QueryUntilPresentAsync(string query, CancellationToken cancellationToken)
    {
        var uri = new Uri("api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative);
        try
        {
            while (true)
            {
                using var response = await _client.GetAsync(uri, cancellationToken);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var result = json.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    return result[0].Clone();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await _client.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
