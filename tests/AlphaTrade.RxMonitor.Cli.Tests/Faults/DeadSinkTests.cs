using System.Net;
using System.Net.Sockets;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Faults;

/// <summary>A webhook that never answers and one that answers 500 cost <c>rxmon run</c> only their own notifications, counted in <c>/metrics</c>.</summary>
[Trait("Category", "Integration")]
public sealed class DeadSinkTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static long Sum(string metrics, string prefix) => metrics.Split('\n')
        .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
        .Sum(static l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Run_OneWebhookNeverAnswersAnotherAnswers500_TheGoodOneGetsItOnceAndTheLossesAreInMetrics()
    {
        using var dir = new TempDirectory();
        using var good = new WebhookReceiver();
        using var failing = new WebhookReceiver(500);
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await silent.AcceptSocketAsync());
            }
        });
        var silentUrl = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/hook";
        await File.WriteAllTextAsync(dir.File("appsettings.json"), $$"""
            { "RxMonitor": {
              "DefaultRules": false,
              "Rules": [ { "name": "AlwaysFiring", "series": "system_memory_usage_percent", "threshold": { "above": 0 } } ],
              "Alerting": {
                "receivers": [ { "name": "hook", "sinks": [
                  { "type": "webhook", "name": "good", "url": "{{good.Url}}" },
                  { "type": "webhook", "name": "dead", "url": "{{silentUrl}}", "delivery": { "maxRetries": 1, "baseDelay": "1s", "timeout": "2s" } },
                  { "type": "webhook", "name": "err", "url": "{{failing.Url}}", "delivery": { "maxRetries": 1, "baseDelay": "1s" } } ] } ],
                "route": { "receiver": "hook", "groupBy": ["alertname"], "groupWait": "0s", "groupInterval": "2s", "repeatInterval": "1h" } } } }
            """);
        try
        {
            await using var rxmon = RunningRxmon.Start(dir.Path, "run", "--config", "appsettings.json", "--http", "127.0.0.1:0");
            var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
            using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]), Timeout = TimeSpan.FromSeconds(10) };
            await RestartTests.EventuallyAsync(() => good.Alerts().Count > 0, "the good webhook's notification", StartTimeout);

            string metrics = string.Empty;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (Sum(metrics, "rxmonitor_sinks_dropped_total{sink=\"dead\"}") == 0 || Sum(metrics, "rxmonitor_sinks_dropped_total{sink=\"err\"}") == 0)
            {
                Assert.False(timeout.IsCancellationRequested, "timed out waiting for the losses in /metrics:\n" + metrics);
                await Task.Delay(500);
                metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            }

            Assert.Equal(0, await rxmon.TerminateAsync());
            Assert.Equal(1, good.Alerts().Count(static a => a.Status == "firing"));
            Assert.Equal(0, Sum(metrics, "rxmonitor_sinks_dropped_total{sink=\"good\"}"));
            Assert.Equal(0, Sum(metrics, "rxmonitor_ingest_samples_dropped_total"));
            Assert.DoesNotContain("   at ", rxmon.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            silent.Stop();
            accepted.ForEach(static s => s.Dispose());
        }
    }
}
