using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class AlertsEndpointTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlertEvent Alert(string rule, Severity severity, double value, DateTimeOffset activeAt) => new()
    {
        RuleName = rule,
        State = AlertState.Firing,
        Severity = severity,
        Labels = LabelSet.Create(new Label("alertname", rule), new Label("host", "db-1")),
        Annotations = new Dictionary<string, string> { ["summary"] = $"{rule} on db-1" },
        Value = value,
        Timestamp = activeAt.AddMinutes(1),
        ActiveAt = activeAt,
        Series = SeriesKey.Create("cpu_usage_ratio", new Label("host", "db-1")),
    };

    private static async Task<JsonElement> GetAlertsAsync(params AlertEvent[] alerts)
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Alerts = new FakeAlertsProvider(alerts) });
        using var response = await running.Client.GetAsync(new Uri("/alerts", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("alerts").Clone();
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

        Assert.Equal(["disk_full", "high_cpu"], alerts.EnumerateArray().Select(static a => a.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Get_OneAlert_ServesItsIdentityLabelsAndTimes()
    {
        var event_ = Alert("high_cpu", Severity.Critical, 0.93, Start);

        var alert = (await GetAlertsAsync(event_))[0];

        Assert.Equal(event_.Labels.Fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), alert.GetProperty("fingerprint").GetString());
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal("db-1", alert.GetProperty("labels").GetProperty("host").GetString());
        Assert.Equal("high_cpu on db-1", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(0.93, alert.GetProperty("value").GetDouble());
        Assert.Equal(Start, alert.GetProperty("activeAt").GetDateTimeOffset());
        Assert.Equal("cpu_usage_ratio{host=\"db-1\"}", alert.GetProperty("series").GetString());
    }

    [Fact]
    public async Task Get_AlertWithoutValue_ValueIsNull()
    {
        var alert = (await GetAlertsAsync(Alert("absent_heartbeat", Severity.Error, double.NaN, Start)))[0];

        Assert.Equal(JsonValueKind.Null, alert.GetProperty("value").ValueKind);
    }
}
