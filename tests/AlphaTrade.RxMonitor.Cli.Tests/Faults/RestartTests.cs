using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Faults;

/// <summary>What a restart of <c>rxmon run</c> on the same store resolves, end to end with a webhook receiver.</summary>
[Trait("Category", "Integration")]
public sealed class RestartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    internal static string Config(string url, string rule, double above) => $$"""
        { "RxMonitor": {
          "DefaultRules": false,
          "Rules": [ { "name": "{{rule}}", "series": "system_memory_usage_percent", "threshold": { "above": {{above}} } } ],
          "Alerting": {
            "receivers": [ { "name": "hook", "sendResolved": true, "sinks": [ { "type": "webhook", "url": "{{url}}" } ] } ],
            "route": { "receiver": "hook", "groupBy": ["alertname"], "groupWait": "0s", "groupInterval": "2s", "repeatInterval": "1h" } } } }
        """;

    internal static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!condition())
        {
            Assert.False(cancel.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Run_RestartWithTheThresholdRaised_ResolvesTheRestoredAlertAndNotifiesTheResolution()
    {
        using var dir = new TempDirectory();
        using var webhook = new WebhookReceiver();
        await File.WriteAllTextAsync(dir.File("fires.json"), Config(webhook.Url, "MemoryInUse", 0));
        await File.WriteAllTextAsync(dir.File("fixed.json"), Config(webhook.Url, "MemoryInUse", 1000));
        await using (var first = RunningRxmon.Start(dir.Path, "run", "--config", "fires.json"))
        {
            await EventuallyAsync(() => webhook.Alerts().Any(static a => a.Status == "firing"), "the firing notification", StartTimeout);
            Assert.Equal(0, await first.TerminateAsync());
        }

        await using (var second = RunningRxmon.Start(dir.Path, "run", "--config", "fixed.json"))
        {
            await EventuallyAsync(() => webhook.Alerts().Any(static a => a.Status == "resolved"), "the resolution after the restart", StartTimeout);
            Assert.Equal(0, await second.TerminateAsync());
        }

        Assert.Equal(["firing", "resolved"], webhook.Alerts().Select(static a => a.Status));
        Assert.Equal(2, StoreQuery.Scalar(dir.File("rxmon.db"), "SELECT state FROM alerts WHERE rule = 'MemoryInUse'"));
    }

    [Fact]
    public async Task Run_RestartWithTheRuleRemoved_ResolvesTheRestoredAlert()
    {
        using var dir = new TempDirectory();
        using var webhook = new WebhookReceiver();
        await File.WriteAllTextAsync(dir.File("fires.json"), Config(webhook.Url, "MemoryInUse", 0));
        await File.WriteAllTextAsync(dir.File("renamed.json"), Config(webhook.Url, "SomethingElse", 1000));
        await using (var first = RunningRxmon.Start(dir.Path, "run", "--config", "fires.json"))
        {
            await EventuallyAsync(() => webhook.Alerts().Any(static a => a.Status == "firing"), "the firing notification", StartTimeout);
            Assert.Equal(0, await first.TerminateAsync());
        }

        await using (var second = RunningRxmon.Start(dir.Path, "run", "--config", "renamed.json"))
        {
            await EventuallyAsync(() => webhook.Alerts().Any(static a => a.Status == "resolved"), "the resolution after the restart", StartTimeout);
            Assert.Equal(0, await second.TerminateAsync());
        }

        Assert.Equal(2, StoreQuery.Scalar(dir.File("rxmon.db"), "SELECT state FROM alerts WHERE rule = 'MemoryInUse'"));
    }
}
