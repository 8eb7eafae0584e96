using System.Buffers;
using System.Net.Http.Json;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary><c>/api/series</c>, <c>/api/query_range</c> and <c>/api/alerts/history</c> over real HTTP on 127.0.0.1.</summary>
public sealed class QueryApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey CpuA = SeriesKey.Create("cpu_usage_ratio", new Label("host", "a"));
    private static readonly SeriesKey CpuB = SeriesKey.Create("cpu_usage_ratio", new Label("host", "b"));
    private static readonly SeriesKey Memory = SeriesKey.Create("memory_used_bytes");
    private readonly TestScheduler _clock = new();
    private readonly FakeMetricHistory _history = new();
    private readonly InMemoryAlertHistory _alerts = new();
    private readonly FakeLiveState _live = new();
    private RunningServer? _running;

    public QueryApiTests() => _clock.AdvanceTo(Now.UtcTicks);

    private HttpClient Client => _running!.Client;

    public async Task InitializeAsync() =>
        _running = await RunningServer.StartAsync(new RxMonitorEndpointSources
        {
            History = _history,
            AlertHistory = _alerts,
            Live = _live,
            TimeProvider = _clock.AsTimeProvider(),
        });

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    private async Task<JsonElement> GetJsonAsync(string path) => await Client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    [Fact]
    public async Task Series_MatchSelectors_ListsStoredAndLiveSeriesThatMatchAny()
    {
        _history.Add(CpuA, RollupResolution.TenSeconds, new RollupPoint(Now, 1, 1, 1, 1, 1));
        _history.Add(Memory, RollupResolution.TenSeconds, new RollupPoint(Now, 1, 1, 1, 1, 1));
        _live.Samples = [new MetricSample(CpuB, Now, 0.5)];

        var body = await GetJsonAsync("/api/series?match[]=" + Uri.EscapeDataString("cpu_usage_ratio{host=~\"a|b\"}"));

        Assert.Equal(
            ["cpu_usage_ratio{host=\"a\"}", "cpu_usage_ratio{host=\"b\"}"],
            body.GetProperty("series").EnumerateArray().Select(static s => s.GetProperty("series").GetString()));
        Assert.Equal("b", body.GetProperty("series")[1].GetProperty("labels").GetProperty("host").GetString());
    }

    [Fact]
    public async Task Series_BadSelector_400NamingTheParameter()
    {
        using var response = await Client.GetAsync(new Uri("/api/series?match[]=" + Uri.EscapeDataString("cpu{host="), UriKind.Relative));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("match[]: 'cpu{host=' is not a series selector", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5 * 60, "10s")]
    [InlineData(5 * 3600, "10s")]
    [InlineData(6 * 3600, "1m")]
    [InlineData(30 * 86400, "1h")]
    public async Task QueryRange_AutoResolution_PicksTheFinestWithAtMost2000Points(int rangeSeconds, string expected)
    {
        _history.Add(CpuA, RollupResolution.TenSeconds, new RollupPoint(Now.AddSeconds(-10), 1, 1, 1, 1, 1));
        var from = Now.AddSeconds(-rangeSeconds).ToUnixTimeSeconds();

        var body = await GetJsonAsync($"/api/query_range?series=cpu_usage_ratio&from={from}&to={Now.ToUnixTimeSeconds()}&resolution=auto");

        Assert.Equal(expected, body.GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task QueryRange_Buckets_ServedAsColumnsWithQuantilesWhereSketchesExist()
    {
        var sketched = new RollupPoint(Now.AddMinutes(-2), 4, 2.0, 0.25, 0.75, 0.5) { Sketch = SketchOf(0.25, 0.25, 0.75, 0.75) };
        _history.Add(CpuA, RollupResolution.OneMinute, sketched, new RollupPoint(Now.AddMinutes(-1), 2, 1.8, 0.8, 1.0, 1.0));
        _history.Add(Memory, RollupResolution.OneMinute, new RollupPoint(Now.AddMinutes(-1), 1, 7, 7, 7, 7));

        var body = await GetJsonAsync("/api/query_range?series=" + Uri.EscapeDataString("{__name__=~\"cpu.*|memory.*\"}") + "&from=2026-01-01T11:55:00Z&to=2026-01-01T12:00:00Z&resolution=1m");

        Assert.Equal(60, body.GetProperty("step").GetInt64());
        var cpu = body.GetProperty("series")[0];
        Assert.Equal("cpu_usage_ratio{host=\"a\"}", cpu.GetProperty("series").GetString());
        Assert.Equal([Now.AddMinutes(-2).ToUnixTimeSeconds(), Now.AddMinutes(-1).ToUnixTimeSeconds()], cpu.GetProperty("t").EnumerateArray().Select(static t => (long)t.GetDouble()));
        Assert.Equal([0.5, 0.9], cpu.GetProperty("mean").EnumerateArray().Select(static v => Math.Round(v.GetDouble(), 6)));
        Assert.Equal([0.25, 0.8], cpu.GetProperty("min").EnumerateArray().Select(static v => v.GetDouble()));
        Assert.Equal([0.75, 1.0], cpu.GetProperty("max").EnumerateArray().Select(static v => v.GetDouble()));
        Assert.Equal(JsonValueKind.Null, cpu.GetProperty("p99")[1].ValueKind);
        Assert.Equal(sketched.Quantile(0.99), cpu.GetProperty("p99")[0].GetDouble());
        Assert.Equal(sketched.Quantile(0.5), cpu.GetProperty("p50")[0].GetDouble());
        Assert.InRange(cpu.GetProperty("p99")[0].GetDouble(), 0.75 * 0.99, 0.75 * 1.01);
        Assert.False(body.GetProperty("series")[1].TryGetProperty("p50", out _), "a series without sketches has no quantile columns");
    }

    private static ReadOnlyMemory<byte> SketchOf(params double[] values)
    {
        var sketch = new DDSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        var bytes = new ArrayBufferWriter<byte>();
        sketch.WriteTo(bytes);
        return bytes.WrittenMemory;
    }

    [Fact]
    public async Task QueryRange_BadParameters_400ListingEveryOne()
    {
        using var response = await Client.GetAsync(new Uri("/api/query_range?from=yesterday&resolution=5s", UriKind.Relative));

        Assert.Equal(400, (int)response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(static e => e.GetString()!).ToList();
        Assert.Collection(
            errors,
            e => Assert.Equal("series: required.", e),
            e => Assert.StartsWith("from: 'yesterday' is not a time", e, StringComparison.Ordinal),
            e => Assert.Equal("resolution: '5s' is not one of auto, 10s, 1m, 1h.", e));
    }

    [Fact]
    public async Task AlertHistory_Range_ServesTheTransitionsInItWithTheirSeries()
    {
        var alert = new Alert
        {
            Fingerprint = 42,
            RuleName = "high_cpu",
            Labels = LabelSet.Create(new Label("alertname", "high_cpu"), new Label("host", "a")),
            Severity = Severity.Critical,
            State = AlertState.Firing,
            ActiveAt = Now.AddMinutes(-30),
            StartsAt = Now.AddMinutes(-25),
            UpdatedAt = Now.AddMinutes(-25),
            Value = 0.97,
        };
        _alerts.RecordTransition(new AlertTransition(alert with { State = AlertState.Pending }, AlertChange.Pending, null, null, Now.AddMinutes(-30)));
        _alerts.RecordTransition(new AlertTransition(alert, AlertChange.Firing, AlertState.Pending, Severity.Critical, Now.AddMinutes(-25)));
        _alerts.RecordTransition(new AlertTransition(alert, AlertChange.Firing, AlertState.Pending, Severity.Critical, Now.AddDays(-3)));
        lock (_live.AlertSeries)
        {
            _live.AlertSeries[42] = CpuA;
        }

        var body = await GetJsonAsync("/api/alerts/history?rule=high_cpu");

        var transitions = body.GetProperty("transitions").EnumerateArray().ToList();
        Assert.Equal(["pending", "firing"], transitions.Select(static t => t.GetProperty("change").GetString()));
        Assert.Equal("000000000000002a", transitions[1].GetProperty("alert").GetProperty("fingerprint").GetString());
        Assert.Equal("cpu_usage_ratio{host=\"a\"}", transitions[1].GetProperty("alert").GetProperty("rxmonitor").GetProperty("series").GetString());
        Assert.Equal(0.97, transitions[1].GetProperty("alert").GetProperty("rxmonitor").GetProperty("value").GetDouble());
    }
}
