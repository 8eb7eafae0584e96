using System.Net;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

/// <summary>
/// <c>rxmon replay --alerting CONFIG</c> delivers the replayed alerts through the configured routes and sinks: a
/// real webhook receiver on 127.0.0.1 gets Alertmanager webhook bodies.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReplayDeliveryTests : IDisposable
{
    private const string Rules = """
        {"rules": [{"name": "HighCpu", "series": "cpu_usage_percent", "severity": "critical",
                    "evaluationInterval": "1m", "threshold": {"above": 90}}]}
        """;

    private const string Samples = """
        timestamp,series,value
        2026-01-01T00:00:00Z,"cpu_usage_percent{instance=""a""}",50
        2026-01-01T00:01:00Z,"cpu_usage_percent{instance=""a""}",95
        2026-01-01T00:02:00Z,"cpu_usage_percent{instance=""a""}",95
        2026-01-01T00:10:00Z,"cpu_usage_percent{instance=""a""}",40
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("rxmon-replay-delivery-").FullName;
    private readonly WebhookReceiver _webhook = new();

    public void Dispose()
    {
        _webhook.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Replay_WithAlertingConfig_DeliversFiringAndResolvedToTheWebhook()
    {
        var config = $$"""
            { "RxMonitor": { "Alerting": {
              "receivers": [ { "name": "hook", "sendResolved": true, "sinks": [ { "type": "webhook", "url": "{{_webhook.Url}}" } ] } ],
              "route": { "receiver": "hook", "groupBy": ["alertname"], "groupWait": "0s", "groupInterval": "1m", "repeatInterval": "4h" }
            } } }
            """;
        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.json"), Rules);
        await File.WriteAllTextAsync(Path.Combine(_directory, "samples.csv"), Samples);
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.json"), config);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(
            _directory, "replay", "--rules", "rules.json", "--input", "samples.csv", "--alerting", "appsettings.json");

        Assert.True(exitCode == 0, stderr);
        var statuses = _webhook.Received.Select(b => b.GetProperty("status").GetString()).ToList();
        Assert.Equal(["firing", "resolved"], statuses);
        var alert = _webhook.Received[0].GetProperty("alerts")[0];
        Assert.Equal("HighCpu", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("a", alert.GetProperty("labels").GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Replay_BadAlertingConfig_ExitsTwoNamingThePath()
    {
        const string config = """{ "RxMonitor": { "Alerting": { "route": { "receiver": "nobody" } } } }""";
        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.json"), Rules);
        await File.WriteAllTextAsync(Path.Combine(_directory, "samples.csv"), Samples);
        await File.WriteAllTextAsync(Path.Combine(_directory, "bad.json"), config);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(
            _directory, "replay", "--rules", "rules.json", "--input", "samples.csv", "--alerting", "bad.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("bad.json: RxMonitor:Alerting:route:receiver", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RefusedWebhook_NamesTheFailedSinkAndExitsThree()
    {
        var refused = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        refused.Start();
        var port = ((IPEndPoint)refused.LocalEndpoint).Port;
        refused.Stop();
        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.json"), Rules);
        await File.WriteAllTextAsync(Path.Combine(_directory, "samples.csv"), Samples);
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.json"), """
            {"RxMonitor": {"Alerting": {"receivers": [{"name": "default", "sinks": [{"type": "webhook", "name": "hook", "url": "http://127.0.0.1:PORT/"}]}]}}}
            """.Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(
            _directory, "replay", "--rules", "rules.json", "--input", "samples.csv", "--alerting", "appsettings.json");

        Assert.Equal(3, exitCode);
        Assert.Equal(2, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rxmon replay: delivery to the configured sinks failed (", lines[0], StringComparison.Ordinal);
        Assert.Matches($@"^rxmon replay: sink 'hook' failed: Notification [0-9a-f-]+ to receiver 'default' failed after \d+ attempt\(s\); given up: Connection refused \(127\.0\.0\.1:{port}\)$", lines[1]);
        Assert.All(lines.Skip(1), static l => Assert.StartsWith("rxmon replay: sink 'hook' failed: ", l, StringComparison.Ordinal));
        Assert.DoesNotContain("rule", stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Replay_MisspeltAlertingKey_ExitsTwoWithDidYouMean()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.json"), Rules);
        await File.WriteAllTextAsync(Path.Combine(_directory, "samples.csv"), Samples);
        await File.WriteAllTextAsync(Path.Combine(_directory, "bad.json"), """{"RxMonitor": {"Alerting": {"Route": {"GroupWiat": "1s"}}}}""");

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(
            _directory, "replay", "--rules", "rules.json", "--input", "samples.csv", "--alerting", "bad.json");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "rxmon replay: bad input (1 problem):\n  bad.json: unknown key RxMonitor:Alerting:Route:GroupWiat (did you mean RxMonitor:Alerting:Route:GroupWait?)\n",
            stderr);
    }
}
