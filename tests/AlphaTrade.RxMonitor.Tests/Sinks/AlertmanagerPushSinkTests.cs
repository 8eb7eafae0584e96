using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AlphaTrade.RxMonitor.Tests.Sinks;

public sealed class AlertmanagerPushSinkTests
{
    private readonly FakeTimeProvider _time = new(AlertingHarness.Start);

    [Fact]
    public async Task SendAsync_FiringAlert_PostsToApiV2WithEndsAtFourResendsAhead()
    {
        using var am = new LoopbackHttpReceiver();
        using var http = new HttpClient();
        using var sink = new AlertmanagerPushSink(am.Url, http, _time);

        await sink.SendAsync(WebhookAlertSinkTests.Notification(WebhookAlertSinkTests.Alert("DiskFull", AlertState.Firing)), CancellationToken.None);

        var (path, body) = Assert.Single(am.Requests);
        Assert.Equal("/api/v2/alerts", path);
        var alert = Assert.Single(body.EnumerateArray());
        Assert.Equal("critical", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("DiskFull", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(AlertingHarness.Start.AddMinutes(4), alert.GetProperty("endsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ResendTimer_FiringAlert_IsResentBeforeItsEndsAt()
    {
        using var am = new LoopbackHttpReceiver();
        using var http = new HttpClient();
        using var sink = new AlertmanagerPushSink(am.Url, http, _time);
        await sink.SendAsync(WebhookAlertSinkTests.Notification(WebhookAlertSinkTests.Alert("DiskFull", AlertState.Firing)), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));

        await am.WaitForCountAsync(2);
        var resent = Assert.Single(am.Requests[1].Body.EnumerateArray());
        Assert.Equal(AlertingHarness.Start.AddMinutes(5), resent.GetProperty("endsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task SendAsync_Resolution_PostsEndsAtAndStopsResending()
    {
        using var am = new LoopbackHttpReceiver();
        using var http = new HttpClient();
        using var sink = new AlertmanagerPushSink(am.Url, http, _time);
        await sink.SendAsync(WebhookAlertSinkTests.Notification(WebhookAlertSinkTests.Alert("DiskFull", AlertState.Firing)), CancellationToken.None);

        await sink.SendAsync(WebhookAlertSinkTests.Notification(WebhookAlertSinkTests.Alert("DiskFull", AlertState.Resolved)), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(2, am.Requests.Count);
        var resolved = Assert.Single(am.Requests[1].Body.EnumerateArray());
        Assert.Equal(AlertingHarness.Start.AddMinutes(5), resolved.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(0, sink.FiringCount);
    }

    [Fact]
    public async Task SendAsync_SeverityChanged_ResolvesTheOldLabelSet()
    {
        using var am = new LoopbackHttpReceiver();
        using var http = new HttpClient();
        using var sink = new AlertmanagerPushSink(am.Url, http, _time);
        await sink.SendAsync(WebhookAlertSinkTests.Notification(WebhookAlertSinkTests.Alert("DiskFull", AlertState.Firing, Severity.Warning)), CancellationToken.None);

        await sink.SendAsync(WebhookAlertSinkTests.Notification(WebhookAlertSinkTests.Alert("DiskFull", AlertState.Firing, Severity.Critical)), CancellationToken.None);

        var pushed = am.Requests[1].Body.EnumerateArray().ToList();
        Assert.Equal(2, pushed.Count);
        Assert.Equal("warning", pushed[0].GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(AlertingHarness.Start, pushed[0].GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("critical", pushed[1].GetProperty("labels").GetProperty("severity").GetString());
    }
}
