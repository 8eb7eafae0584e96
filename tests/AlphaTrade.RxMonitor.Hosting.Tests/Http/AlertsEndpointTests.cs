using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class AlertsEndpointTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Alert Alert(string rule, Severity severity, double value, DateTimeOffset activeAt)
    {
        var labels = LabelSet.Create(new Label("alertname", rule), new Label("host", "db-1"));
        return new Alert
        {
            Fingerprint = labels.Fingerprint,
            RuleName = rule,
            State = AlertState.Firing,
            Severity = severity,
            Labels = labels,
            Annotations = new Dictionary<string, string> { ["summary"] = $"{rule} on db-1" },
            Value = value,
            ActiveAt = activeAt,
            StartsAt = activeAt.AddSeconds(30),
            UpdatedAt = activeAt.AddMinutes(1),
            Series = SeriesKey.Create("cpu_usage_ratio", new Label("host", "db-1")),
        };
    }

    private static AlertEvent Event(string rule, Severity severity, DateTimeOffset at) => new()
    {
        RuleName = rule,
        State = AlertState.Firing,
        Severity = severity,
        Labels = LabelSet.Create(new Label("alertname", rule), new Label("host", "db-1")),
        Value = 1,
        Timestamp = at,
        ActiveAt = at,
    };

    private static Task<JsonElement> GetAlertsAsync(params Alert[] alerts) => GetAlertsAsync(new FakeAlertsProvider(alerts));

    private static async Task<JsonElement> GetAlertsAsync(IActiveAlertsProvider provider)
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Alerts = provider });
        using var response = await running.Client.GetAsync(new Uri("/alerts", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("alerts").Clone();
    }

    private static AlertManager Manager(TestScheduler scheduler, Action<AlertingOptions>? configure = null)
    {
        var options = new AlertingOptions
        {
            Receivers = [new ReceiverOptions { Name = "team-db" }],
            Route = new RouteOptions { Receiver = "team-db" },
        };
        configure?.Invoke(options);
        return new AlertManager(options, scheduler);
    }

    private static TestScheduler Scheduler()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(Start.UtcTicks);
        return scheduler;
    }

    [Fact]
    public async Task Get_NoActiveAlerts_EmptyList()
    {
        var alerts = await GetAlertsAsync();

        Assert.Equal(0, alerts.GetArrayLength());
    }

    [Fact]
    public async Task Get_TwoAlerts_MostSevereFirst()
    {
        var alerts = await GetAlertsAsync(Alert("high_cpu", Severity.Warning, 0.9, Start), Alert("disk_full", Severity.Critical, 0.99, Start.AddMinutes(5)));

        Assert.Equal(["disk_full", "high_cpu"], alerts.EnumerateArray().Select(static a => a.GetProperty("rxmonitor").GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Get_OneAlert_ServesItsIdentityLabelsAndTimes()
    {
        var source = Alert("high_cpu", Severity.Critical, 0.93, Start);

        var alert = (await GetAlertsAsync(source))[0];
        var rxmonitor = alert.GetProperty("rxmonitor");

        Assert.Equal(source.Labels.Fingerprint.ToString("x16", CultureInfo.InvariantCulture), alert.GetProperty("fingerprint").GetString());
        Assert.Equal("firing", rxmonitor.GetProperty("state").GetString());
        Assert.Equal("critical", rxmonitor.GetProperty("severity").GetString());
        Assert.Equal("db-1", alert.GetProperty("labels").GetProperty("host").GetString());
        Assert.Equal("high_cpu on db-1", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(0.93, rxmonitor.GetProperty("value").GetDouble());
        Assert.Equal(Start, rxmonitor.GetProperty("activeAt").GetDateTimeOffset());
        Assert.Equal("cpu_usage_ratio{host=\"db-1\"}", rxmonitor.GetProperty("series").GetString());
    }

    [Fact]
    public async Task Get_OneAlert_HasAlertmanagerGettableAlertFields()
    {
        var alert = (await GetAlertsAsync(Alert("high_cpu", Severity.Warning, 0.9, Start)))[0];

        Assert.Equal("warning", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(Start.AddSeconds(30), alert.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal(Start.AddMinutes(1), alert.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(0, alert.GetProperty("status").GetProperty("silencedBy").GetArrayLength());
        Assert.Equal(0, alert.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength());
        Assert.Equal(FakeAlertsProvider.Receiver, Assert.Single(alert.GetProperty("receivers").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Get_AlertWithoutValue_ValueIsNull()
    {
        var alert = (await GetAlertsAsync(Alert("absent_heartbeat", Severity.Error, double.NaN, Start)))[0];

        Assert.Equal(JsonValueKind.Null, alert.GetProperty("rxmonitor").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Get_FlappingAlert_FlappingIsTrue()
    {
        var alert = (await GetAlertsAsync(Alert("high_cpu", Severity.Warning, 0.9, Start) with { IsFlapping = true }))[0];

        Assert.True(alert.GetProperty("rxmonitor").GetProperty("flapping").GetBoolean());
    }

    [Fact]
    public async Task Get_AlertSilencedInTheManager_ShownSuppressedWithTheSilenceId()
    {
        var scheduler = Scheduler();
        await using var manager = Manager(scheduler);
        manager.Process(Event("high_cpu", Severity.Warning, Start));
        var silence = manager.CreateSilence([LabelMatcher.Parse("alertname=high_cpu")], Start, Start.AddHours(1), "ops", "maintenance");

        var alert = Assert.Single((await GetAlertsAsync(new ManagerAlertsProvider(manager))).EnumerateArray());
        var status = alert.GetProperty("status");

        Assert.Equal("suppressed", status.GetProperty("state").GetString());
        Assert.Equal(silence.Id, Assert.Single(status.GetProperty("silencedBy").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Get_AlertInhibitedInTheManager_ShownSuppressedWithTheInhibitingFingerprint()
    {
        var scheduler = Scheduler();
        await using var manager = Manager(scheduler, static o =>
            o.InhibitRules = [new InhibitRuleOptions { SourceMatchers = ["severity=critical"], TargetMatchers = ["severity=warning"], Equal = ["host"] }]);
        manager.Process(Event("disk_full", Severity.Critical, Start));
        manager.Process(Event("high_cpu", Severity.Warning, Start));

        var alerts = await GetAlertsAsync(new ManagerAlertsProvider(manager));
        var inhibited = alerts.EnumerateArray().Single(static a => a.GetProperty("rxmonitor").GetProperty("rule").GetString() == "high_cpu");
        var source = alerts.EnumerateArray().Single(static a => a.GetProperty("rxmonitor").GetProperty("rule").GetString() == "disk_full");

        Assert.Equal("suppressed", inhibited.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(source.GetProperty("fingerprint").GetString(), Assert.Single(inhibited.GetProperty("status").GetProperty("inhibitedBy").EnumerateArray()).GetString());
        Assert.Equal("active", source.GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Get_AlertInTheManager_ListsTheReceiverItRoutesTo()
    {
        var scheduler = Scheduler();
        await using var manager = Manager(scheduler);
        manager.Process(Event("high_cpu", Severity.Warning, Start));

        var alert = Assert.Single((await GetAlertsAsync(new ManagerAlertsProvider(manager))).EnumerateArray());

        Assert.Equal("team-db", Assert.Single(alert.GetProperty("receivers").EnumerateArray()).GetProperty("name").GetString());
    }
}
