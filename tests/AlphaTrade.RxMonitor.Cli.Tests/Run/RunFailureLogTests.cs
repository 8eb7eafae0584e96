using System.Net;
using System.Net.Sockets;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

/// <summary>A routine failure (a webhook answering 500) is one readable Warning line; the stack trace is Debug detail.</summary>
[Trait("Category", "Integration")]
public sealed class RunFailureLogTests : IDisposable
{
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public RunFailureLogTests()
    {
        _server.Start();
        _ = AnswerEveryRequestWith500Async();
    }

    private int Port => ((IPEndPoint)_server.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _server.Stop();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_WebhookAnswering500_LogsOneLineWithTheReasonAndNoStackTrace()
    {
        using var dir = await ConfigAsync();

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "6s");

        Assert.True(exitCode == 0, stderr);
        var failure = Assert.Single(stdout.Split('\n'), static l => l.Contains(" WRN] Sink hook failed: ", StringComparison.Ordinal) && l.Contains("given up", StringComparison.Ordinal));
        Assert.EndsWith("given up: Response status code does not indicate success: 500 (Internal Server Error)", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpRequestException", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WebhookAnswering500WithVerbose_AlsoLogsTheExceptionAtDebug()
    {
        using var dir = await ConfigAsync();

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "6s", "--verbose");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains(" DBG] Sink hook failure detail", stdout, StringComparison.Ordinal);
        Assert.Contains("System.Net.Http.HttpRequestException", stdout, StringComparison.Ordinal);
    }

    private async Task<TempDirectory> ConfigAsync()
    {
        var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"DefaultRules": false,
              "Rules": [{"name": "MemoryInUseTest", "series": "system_memory_usage_percent", "threshold": {"above": 0}}],
              "Alerting": {"Route": {"GroupWait": "0s"}, "Delivery": {"MaxRetries": 0},
                "Receivers": [{"Name": "default", "Sinks": [{"Type": "webhook", "Name": "hook", "Url": "http://127.0.0.1:PORT/"}]}]}}}
            """.Replace("PORT", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return dir;
    }

    private async Task AnswerEveryRequestWith500Async()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _server.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[65536];
                _ = await stream.ReadAsync(buffer, _stop.Token);
                var response = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
                await stream.WriteAsync(response, _stop.Token);
            }
        }
    }
}
