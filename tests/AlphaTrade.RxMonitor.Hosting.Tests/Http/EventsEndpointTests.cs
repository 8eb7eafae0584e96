using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary><c>/api/events</c> over real HTTP: snapshot on connect, then changes and heartbeats, per client.</summary>
public sealed class EventsEndpointTests : IAsyncLifetime
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu_usage_ratio", new Label("host", "a"));
    private static readonly SeriesKey Other = SeriesKey.Create("disk_free_bytes");
    private readonly FakeLiveState _live = new();
    private RunningServer? _running;

    public async Task InitializeAsync() =>
        _running = await RunningServer.StartAsync(new RxMonitorEndpointSources
        {
            Live = _live,
            EventInterval = TimeSpan.FromMilliseconds(50),
            EventHeartbeat = TimeSpan.FromMilliseconds(300),
        });

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Events_Connect_SnapshotThenSamplesAlertsHealthAndHeartbeat()
    {
        var start = DateTimeOffset.UnixEpoch.AddSeconds(1_767_225_600);
        _live.Health = FakeLiveState.Report(HealthStatus.Healthy, "OK", start);
        _live.Samples = [new MetricSample(Cpu, start, 0.25), new MetricSample(Other, start, 9)];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var stream = await _running!.Client.GetStreamAsync(new Uri("/api/events?match[]=cpu_usage_ratio", UriKind.Relative), cancel.Token);
        using var reader = new StreamReader(stream);

        var snapshot = await NextEventAsync(reader, "snapshot", cancel.Token);
        _live.Samples = [new MetricSample(Cpu, start.AddSeconds(5), 0.5), new MetricSample(Other, start.AddSeconds(5), 8)];
        var samples = await NextEventAsync(reader, "samples", cancel.Token);
        _live.Alerts = [Firing(start)];
        var alerts = await NextEventAsync(reader, "alerts", cancel.Token);
        _live.Health = FakeLiveState.Report(HealthStatus.Degraded, "cpu 95 % > 90 %", start.AddSeconds(6));
        var health = await NextEventAsync(reader, "health", cancel.Token);
        var heartbeat = await NextEventAsync(reader, "heartbeat", cancel.Token);

        Assert.Equal("healthy", snapshot.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal(0.25, Assert.Single(snapshot.GetProperty("samples").EnumerateArray()).GetProperty("v").GetDouble());
        var sample = Assert.Single(samples.EnumerateArray());
        Assert.Equal(("cpu_usage_ratio{host=\"a\"}", 0.5), (sample.GetProperty("series").GetString(), sample.GetProperty("v").GetDouble()));
        Assert.Equal(("high_cpu", "firing"), (alerts[0].GetProperty("rxmonitor").GetProperty("rule").GetString(), alerts[0].GetProperty("rxmonitor").GetProperty("state").GetString()));
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(0, heartbeat.GetProperty("dropped").GetInt64());
    }

    [Fact]
    public void EventQueue_ClientBehindByCount_DropsTheBacklogCountsItAndAsksForASnapshot()
    {
        var queue = new EventQueue(capacity: 4, maxBytes: 1 << 20);

        for (var i = 0; i < 6; i++)
        {
            queue.Write(new ServerSentEvent("samples", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(4, queue.Dropped);
        Assert.True(queue.TakeOverflow());
        Assert.False(queue.TakeOverflow());
        Assert.Equal(["4", "5"], Drain(queue));
    }

    [Fact]
    public void EventQueue_ClientBehindByBytes_DropsTheBacklogBeforeTheCountIsReached()
    {
        var queue = new EventQueue(capacity: 256, maxBytes: 10_000);
        var large = new string('x', 2_000);

        for (var i = 0; i < 3; i++)
        {
            queue.Write(new ServerSentEvent("samples", large));
        }

        Assert.Equal(2, queue.Dropped);
        Assert.True(queue.TakeOverflow());
        Assert.Single(Drain(queue));
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public void EventQueue_OneEventLargerThanTheByteBound_IsQueuedWhenTheQueueIsEmpty()
    {
        var queue = new EventQueue(capacity: 256, maxBytes: 100);

        queue.Write(new ServerSentEvent("snapshot", new string('x', 1_000)));

        Assert.Equal(0, queue.Dropped);
        Assert.False(queue.TakeOverflow());
        Assert.Single(Drain(queue));
    }

    [Fact]
    public void WriteChanges_AfterTheBacklogWasDropped_QueuesAFreshSnapshotWithTheLatestSamples()
    {
        var start = DateTimeOffset.UnixEpoch.AddSeconds(1_767_225_600);
        _live.Samples = [new MetricSample(Cpu, start, 0.25)];
        _live.Alerts = [Firing(start)];
        var tracker = new LiveStateTracker(_live, [SeriesSelector.Parse("cpu_usage_ratio")]);
        var queue = new EventQueue(capacity: 2, maxBytes: 1 << 20);
        queue.Write(tracker.Snapshot());
        for (var i = 1; i <= 3; i++)
        {
            _live.Samples = [new MetricSample(Cpu, start.AddSeconds(i), i)];
            EventsEndpoint.WriteChanges(tracker, queue);
        }

        var events = new List<ServerSentEvent>();
        while (queue.TryRead(out var e))
        {
            events.Add(e);
        }

        Assert.True(queue.Dropped > 0);
        var snapshot = JsonDocument.Parse(events.Last(static e => e.Name == "snapshot").Data).RootElement;
        Assert.Equal(3, Assert.Single(snapshot.GetProperty("samples").EnumerateArray()).GetProperty("v").GetDouble());
        Assert.Equal("high_cpu", Assert.Single(snapshot.GetProperty("alerts").EnumerateArray()).GetProperty("rxmonitor").GetProperty("rule").GetString());
    }

    private static List<string> Drain(EventQueue queue)
    {
        queue.Complete();
        var left = new List<string>();
        while (queue.TryRead(out var e))
        {
            left.Add(e.Data);
        }

        return left;
    }

    private static Alert Firing(DateTimeOffset at) => new()
    {
        Fingerprint = 7,
        RuleName = "high_cpu",
        Labels = LabelSet.Create(new Label("alertname", "high_cpu")),
        Severity = Severity.Critical,
        State = AlertState.Firing,
        ActiveAt = at,
        StartsAt = at,
        UpdatedAt = at,
        Value = 0.9,
    };

    /// <summary>Reads events until one named <paramref name="wanted"/> (heartbeats and others may come between) and returns its data.</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, string wanted, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && name is not null && data is not null)
            {
                if (name == wanted)
                {
                    return JsonDocument.Parse(data).RootElement.Clone();
                }

                (name, data) = (null, null);
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
