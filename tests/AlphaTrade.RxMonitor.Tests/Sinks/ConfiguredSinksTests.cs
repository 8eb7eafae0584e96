using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sinks;

public sealed class ConfiguredSinksTests
{
    [Fact]
    public async Task AlertManager_WebhookSinkFromJson_PostsTheGroupToTheConfiguredUrl()
    {
        using var receiver = new LoopbackHttpReceiver();
        var options = AlertingOptions.FromJson($$"""
            { "RxMonitor": { "Alerting": {
              "receivers": [ { "name": "hooks", "sinks": [ { "type": "webhook", "url": "{{receiver.Url}}alerts" } ] } ],
              "route": { "receiver": "hooks", "groupWait": "10s", "groupBy": ["alertname"] },
              "flapping": { "enabled": false }
            } } }
            """);
        await using var h = new AlertingHarness(options);

        h.Fire("DiskFull", Severity.Critical, ("instance", "db-1"));
        h.Advance(TimeSpan.FromSeconds(10));

        await receiver.WaitForCountAsync(1);
        var (path, body) = Assert.Single(receiver.Requests);
        Assert.Equal("/alerts", path);
        Assert.Equal("hooks", body.GetProperty("receiver").GetString());
        Assert.Equal(1, h.Manager.GetSinkStatistics().Single().Enqueued);
    }

    [Fact]
    public async Task ConsoleAlertSink_Notification_WritesOneLinePerAlert()
    {
        using var writer = new StringWriter();
        var sink = new ConsoleAlertSink(writer);

        await sink.SendAsync(WebhookAlertSinkTests.Notification(
            WebhookAlertSinkTests.Alert("DiskFull", RxMonitor.Metrics.AlertState.Firing),
            WebhookAlertSinkTests.Alert("DiskFull", RxMonitor.Metrics.AlertState.Resolved, instance: "db-2")), CancellationToken.None);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("2026-01-01T00:00:00Z FIRING [critical] DiskFull {alertname=\"DiskFull\",instance=\"db-1\"} receiver=pager summary=\"disk almost full\"", lines[0]);
        Assert.Contains(" RESOLVED [critical] DiskFull", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AlertSinkRegistry_AddSinkType_AddsTheTypeForValidation()
    {
        var registry = new AlertSinkRegistry().AddSinkType("pagerduty", static _ => new CollectingAlertSink());

        Assert.Contains("pagerduty", registry.Types);
        Assert.Contains("webhook", registry.Types);
    }
}
