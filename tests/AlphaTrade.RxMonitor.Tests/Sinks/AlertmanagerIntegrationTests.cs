using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Tests.Sinks;

/// <summary>Against a real Alertmanager 0.25 on 127.0.0.1: our push reaches a webhook through it, and a cluster de-duplicates two pipelines.</summary>
[Trait("Category", "Integration")]
public sealed class AlertmanagerIntegrationTests
{
    private static AlertManager Pipeline(params Uri[] alertmanagers)
    {
        var options = new AlertingOptions
        {
            Receivers = [new ReceiverOptions { Name = "am", Sinks = [.. alertmanagers.Select(static u => new SinkOptions { Type = "alertmanager", Settings = new AlertmanagerSinkOptions { Url = u.ToString() } })] }],
            Route = new RouteOptions { Receiver = "am", GroupWait = "0s", GroupInterval = "1s" },
            Flapping = new FlappingOptions { Enabled = false },
        };
        return new AlertManager(options, TimeProvider.System.AsScheduler());
    }

    private static AlertEvent Event(AlertState state) => new()
    {
        RuleName = "DiskFull",
        State = state,
        Severity = Severity.Critical,
        Labels = AlertingHarness.Labels("DiskFull", ("instance", "db-1")),
        Annotations = new Dictionary<string, string> { ["summary"] = "disk almost full" },
        Timestamp = DateTimeOffset.UtcNow,
        ActiveAt = DateTimeOffset.UtcNow,
    };

    private static string Status(JsonElement body) => body.GetProperty("status").GetString()!;

    [Fact]
    public async Task Push_FiringThenResolved_WebhookReceivesBothThroughAlertmanager()
    {
        using var webhook = new LoopbackHttpReceiver();
        using var am = new AlertmanagerProcess(new Uri(webhook.Url, "hook"));
        await am.WaitReadyAsync();
        await using var pipeline = Pipeline(am.Url);

        pipeline.Process(Event(AlertState.Firing));
        await webhook.WaitForCountAsync(1);
        pipeline.Process(Event(AlertState.Resolved));
        await Eventually.TrueAsync(() => webhook.Requests.Any(static r => Status(r.Body) == "resolved"), "resolved notification");

        var firing = webhook.Requests[0].Body;
        Assert.Equal("firing", Status(firing));
        var alert = Assert.Single(firing.GetProperty("alerts").EnumerateArray());
        Assert.Equal("db-1", alert.GetProperty("labels").GetProperty("instance").GetString());
        Assert.Equal("critical", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("disk almost full", alert.GetProperty("annotations").GetProperty("summary").GetString());
        var resolved = webhook.Requests.Last(static r => Status(r.Body) == "resolved").Body;
        Assert.Equal("resolved", Assert.Single(resolved.GetProperty("alerts").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Push_TwoPipelinesToTwoNodeCluster_ReceiverGetsExactlyOneNotification()
    {
        using var webhook = new LoopbackHttpReceiver();
        var clusterA = LoopbackHttpReceiver.FreePort();
        var clusterB = LoopbackHttpReceiver.FreePort();
        using var nodeA = new AlertmanagerProcess(new Uri(webhook.Url, "hook"), clusterA, [clusterB]);
        using var nodeB = new AlertmanagerProcess(new Uri(webhook.Url, "hook"), clusterB, [clusterA]);
        await Task.WhenAll(nodeA.WaitReadyAsync(), nodeB.WaitReadyAsync());
        await using var first = Pipeline(nodeA.Url, nodeB.Url);
        await using var second = Pipeline(nodeA.Url, nodeB.Url);

        first.Process(Event(AlertState.Firing));
        second.Process(Event(AlertState.Firing));
        await webhook.WaitForCountAsync(1);

        // Node B waits one peer timeout (2s) before it checks the gossiped notification log; give it double that, plus flushes.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var notification = Assert.Single(webhook.Requests);
        Assert.Equal("firing", Status(notification.Body));
        Assert.Single(notification.Body.GetProperty("alerts").EnumerateArray());
    }
}
