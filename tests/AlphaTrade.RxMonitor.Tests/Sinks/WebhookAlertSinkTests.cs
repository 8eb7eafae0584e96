using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sinks;

public sealed class WebhookAlertSinkTests
{
    internal static Alert Alert(string rule, AlertState state, Severity severity = Severity.Critical, string instance = "db-1")
    {
        var labels = AlertingHarness.Labels(rule, ("instance", instance));
        return new Alert
        {
            Fingerprint = labels.Fingerprint,
            RuleName = rule,
            Labels = labels,
            Annotations = new Dictionary<string, string> { ["summary"] = "disk almost full" },
            Severity = severity,
            State = state,
            ActiveAt = AlertingHarness.Start,
            StartsAt = AlertingHarness.Start,
            EndsAt = state == AlertState.Resolved ? AlertingHarness.Start.AddMinutes(5) : null,
            UpdatedAt = AlertingHarness.Start,
        };
    }

    internal static AlertNotification Notification(params Alert[] alerts) => new()
    {
        Id = Guid.NewGuid(),
        Receiver = "pager",
        GroupKey = "{}:{alertname=\"DiskFull\"}",
        GroupLabels = LabelSet.Create(new Label("alertname", "DiskFull")),
        Timestamp = AlertingHarness.Start,
        Alerts = alerts,
    };

    [Fact]
    public async Task SendAsync_Group_PostsAlertmanagerWebhookV4Body()
    {
        using var receiver = new LoopbackHttpReceiver();
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(new Uri(receiver.Url, "hook"), http, externalUrl: new Uri("http://monitor.local/"));

        await sink.SendAsync(Notification(Alert("DiskFull", AlertState.Firing), Alert("DiskFull", AlertState.Resolved, instance: "db-2")), CancellationToken.None);

        var (path, body) = Assert.Single(receiver.Requests);
        Assert.Equal("/hook", path);
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("pager", body.GetProperty("receiver").GetString());
        Assert.Equal("DiskFull", body.GetProperty("groupLabels").GetProperty("alertname").GetString());
        Assert.Equal("critical", body.GetProperty("commonLabels").GetProperty("severity").GetString());
        Assert.False(body.GetProperty("commonLabels").TryGetProperty("instance", out _));
        Assert.Equal("disk almost full", body.GetProperty("commonAnnotations").GetProperty("summary").GetString());
        Assert.Equal("http://monitor.local/", body.GetProperty("externalURL").GetString());
        var alerts = body.GetProperty("alerts");
        Assert.Equal(2, alerts.GetArrayLength());
        Assert.Equal("firing", alerts[0].GetProperty("status").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alerts[0].GetProperty("endsAt").GetString());
        Assert.Equal("resolved", alerts[1].GetProperty("status").GetString());
        Assert.Equal(AlertingHarness.Start.AddMinutes(5), alerts[1].GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(16, alerts[0].GetProperty("fingerprint").GetString()!.Length);
    }

    [Fact]
    public async Task SendAsync_ReceiverAnswers500_Throws()
    {
        using var receiver = new LoopbackHttpReceiver { StatusCode = 500 };
        using var http = new HttpClient();
        var sink = new WebhookAlertSink(receiver.Url, http);

        await Assert.ThrowsAsync<HttpRequestException>(() => sink.SendAsync(Notification(Alert("A", AlertState.Firing)), CancellationToken.None).AsTask());
    }
}
