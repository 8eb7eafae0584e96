using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Configuration;

/// <summary><c>RxMonitor:Sources:Endpoints</c> and <c>RxMonitor:Sources:Databases</c>: reading, validation and the sources they become.</summary>
public sealed class SourcesConfigurationTests
{
    private static RxMonitorSettings? Read(IReadOnlyList<IDatabaseSourceProvider> providers, out IReadOnlyList<string> problems, params (string Key, string Value)[] values)
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("RxMonitor:DefaultRules", "false"), .. values.Select(static v => new KeyValuePair<string, string?>(v.Key, v.Value))])
            .Build()
            .GetSection("RxMonitor");
        var settings = RxMonitorSettings.Read(section, new AlertSinkRegistry(), null, false, null, providers, out var found);
        problems = [.. found.Select(static p => p.ToString())];
        return settings;
    }

    private static RxMonitorSettings Valid(IReadOnlyList<IDatabaseSourceProvider> providers, params (string Key, string Value)[] values)
    {
        var settings = Read(providers, out var problems, values);
        Assert.Empty(problems);
        return settings!;
    }

    [Fact]
    public void Read_EndpointsAndDatabases_BindsEveryKeyWithDefaults()
    {
        var settings = Valid(
            [new FakeDatabaseProvider()],
            ("RxMonitor:Sources:Endpoints:0:name", "gateway"),
            ("RxMonitor:Sources:Endpoints:0:host", "gw.example"),
            ("RxMonitor:Sources:Endpoints:0:port", "9443"),
            ("RxMonitor:Sources:Endpoints:0:timeout", "1m"),
            ("RxMonitor:Sources:Endpoints:1:name", "feed"),
            ("RxMonitor:Sources:Endpoints:1:host", "10.0.0.2"),
            ("RxMonitor:Sources:Endpoints:1:port", "7000"),
            ("RxMonitor:Sources:Databases:0:name", "orders"),
            ("RxMonitor:Sources:Databases:0:provider", "FAKE"),
            ("RxMonitor:Sources:Databases:0:connectionString", "Host=db"),
            ("RxMonitor:Sources:Databases:0:probe", "SELECT 2"),
            ("RxMonitor:Sources:Databases:0:interval", "00:00:30"));

        var endpoints = settings.Sources.Endpoints;
        Assert.Equal(("gateway", "gw.example", 9443, TimeSpan.FromSeconds(60)), (endpoints[0].Name, endpoints[0].Host, endpoints[0].Port, endpoints[0].Timeout));
        Assert.Equal(("feed", TimeSpan.FromSeconds(3)), (endpoints[1].Name, endpoints[1].Timeout));
        var database = Assert.Single(settings.Sources.Databases);
        Assert.Equal(("orders", "FAKE", "Host=db", "SELECT 2", TimeSpan.FromSeconds(30)), (database.Name, database.Provider, database.ConnectionString, database.Probe, database.Interval));
    }

    [Fact]
    public void Read_DatabaseWithoutProbeOrInterval_ProbesSelect1Every15s()
    {
        var settings = Valid(
            [new FakeDatabaseProvider()],
            ("RxMonitor:Sources:Databases:0:Name", "orders"),
            ("RxMonitor:Sources:Databases:0:Provider", "fake"),
            ("RxMonitor:Sources:Databases:0:ConnectionString", "x"));

        var database = Assert.Single(settings.Sources.Databases);
        Assert.Equal(("SELECT 1", TimeSpan.FromSeconds(15)), (database.Probe, database.Interval));
    }

    [Fact]
    public void Read_InvalidEndpoints_ListsEveryProblemWithTheKeyAsTyped()
    {
        Read(
            [],
            out var problems,
            ("RxMonitor:Sources:Endpoints:0:Host", "a"),
            ("RxMonitor:Sources:Endpoints:0:Port", "70000"),
            ("RxMonitor:Sources:Endpoints:1:Name", "gw"),
            ("RxMonitor:Sources:Endpoints:1:Port", "1"),
            ("RxMonitor:Sources:Endpoints:1:Host", "h"),
            ("RxMonitor:Sources:Endpoints:1:Timeout", "0s"),
            ("RxMonitor:Sources:Endpoints:2:Name", "gw"),
            ("RxMonitor:Sources:Endpoints:2:Host", "h"),
            ("RxMonitor:Sources:Endpoints:2:Timeout", "soon"),
            ("RxMonitor:Sources:Endpoints:2:Prot", "1"));

        Assert.Equal(
            [
                "unknown key RxMonitor:Sources:Endpoints:2:Prot (did you mean RxMonitor:Sources:Endpoints:2:Port?)",
                "RxMonitor:Sources:Endpoints:2:Timeout: expected a duration (30s, 1m30s or 00:01:30), found 'soon'",
                "RxMonitor:Sources:Endpoints:0:Name: required (the endpoint label of its series).",
                "RxMonitor:Sources:Endpoints:0:Port: 70000 is not a TCP port (1-65535).",
                "RxMonitor:Sources:Endpoints:1:Timeout: must be more than 0 and at most 1m (was 00:00:00).",
                "RxMonitor:Sources:Endpoints:2:Port: required (a TCP port, 1-65535).",
                "RxMonitor:Sources:Endpoints:2:Name: 'gw' is already the name of RxMonitor:Sources:Endpoints:1.",
            ],
            problems);
    }

    [Fact]
    public void Read_InvalidDatabases_ListsEveryProblemWithItsKey()
    {
        Read(
            [new FakeDatabaseProvider()],
            out var problems,
            ("RxMonitor:Sources:Databases:0:Name", "orders"),
            ("RxMonitor:Sources:Databases:0:Provider", "oracle"),
            ("RxMonitor:Sources:Databases:0:ConnectionString", "x"),
            ("RxMonitor:Sources:Databases:1:Name", "orders"),
            ("RxMonitor:Sources:Databases:1:Provider", "fake"),
            ("RxMonitor:Sources:Databases:1:ConnectionString", "bad"),
            ("RxMonitor:Sources:Databases:2:Provider", "fake"),
            ("RxMonitor:Sources:Databases:2:Interval", "500ms"),
            ("RxMonitor:Sources:Databases:2:Probe", " "));

        Assert.Equal(
            [
                "RxMonitor:Sources:Databases:0:Provider: 'oracle' is not a database provider here (known: fake).",
                "RxMonitor:Sources:Databases:1:Name: 'orders' is already the name of RxMonitor:Sources:Databases:0.",
                "RxMonitor:Sources:Databases:1:ConnectionString: rejected by fake.",
                "RxMonitor:Sources:Databases:2:Name: required (the db label of its series).",
                "RxMonitor:Sources:Databases:2:ConnectionString: required.",
                "RxMonitor:Sources:Databases:2:Probe: must not be empty (default SELECT 1).",
                "RxMonitor:Sources:Databases:2:Interval: must be at least 1s (was 00:00:00.5000000).",
            ],
            problems);
    }

    [Fact]
    public void Read_DatabaseWhenNoProviderIsRegistered_SaysNoneIsRegistered()
    {
        Read(
            [],
            out var problems,
            ("RxMonitor:Sources:Databases:0:Name", "orders"),
            ("RxMonitor:Sources:Databases:0:Provider", "sqlite"),
            ("RxMonitor:Sources:Databases:0:ConnectionString", "Data Source=x.db"));

        Assert.Equal(["RxMonitor:Sources:Databases:0:Provider: 'sqlite' is not a database provider here (none is registered)."], problems);
    }

    [Fact]
    public void Create_EndpointsAndDatabases_OneSourcePerEndpointAndTheProviderBuildsEachDatabaseOnThePipelineClock()
    {
        var provider = new FakeDatabaseProvider();
        var settings = Valid(
            [provider],
            ("RxMonitor:Sources:Endpoints:0:Name", "a"), ("RxMonitor:Sources:Endpoints:0:Host", "127.0.0.1"), ("RxMonitor:Sources:Endpoints:0:Port", "1"),
            ("RxMonitor:Sources:Endpoints:1:Name", "b"), ("RxMonitor:Sources:Endpoints:1:Host", "127.0.0.1"), ("RxMonitor:Sources:Endpoints:1:Port", "2"),
            ("RxMonitor:Sources:Endpoints:1:Timeout", "5s"),
            ("RxMonitor:Sources:Databases:0:Name", "orders"), ("RxMonitor:Sources:Databases:0:Provider", "fake"), ("RxMonitor:Sources:Databases:0:ConnectionString", "x"));
        var time = new TestScheduler().AsTimeProvider();

        using var sources = ConfiguredSources.Create(settings, time);

        Assert.Equal(2, sources.Endpoints.Count);
        Assert.All(sources.Endpoints, static s => Assert.IsType<RxMonitor.Sources.Linux.TcpConnectLatencySource>(s));
        Assert.Equal(TimeSpan.FromSeconds(5), sources.LongestEndpointTimeout);
        Assert.Equal("orders", Assert.Single(sources.Databases).Name);
        Assert.Same(settings.Sources.Databases[0], Assert.Single(provider.Created));
        Assert.Same(time, Assert.Single(provider.Clocks));
        Assert.Equal(["database:orders"], sources.CreateHealthComponents().Select(static c => c.Name));
    }

    [Fact]
    public void RecordDatabasesTo_InVirtualTime_PollsEachDatabaseAtItsOwnInterval()
    {
        var settings = Valid(
            [new FakeDatabaseProvider()],
            ("RxMonitor:Sources:Databases:0:Name", "fast"), ("RxMonitor:Sources:Databases:0:Provider", "fake"), ("RxMonitor:Sources:Databases:0:ConnectionString", "x"),
            ("RxMonitor:Sources:Databases:0:Interval", "10s"),
            ("RxMonitor:Sources:Databases:1:Name", "slow"), ("RxMonitor:Sources:Databases:1:Provider", "fake"), ("RxMonitor:Sources:Databases:1:ConnectionString", "x"),
            ("RxMonitor:Sources:Databases:1:Interval", "1m"));
        var scheduler = new TestScheduler();
        var time = scheduler.AsTimeProvider();
        using var ingest = new MetricIngest(new IngestOptions(), time);
        var received = new List<MetricSample>();
        ingest.Samples.Subscribe(received.Add);
        using var sources = ConfiguredSources.Create(settings, time);

        using (sources.RecordDatabasesTo(ingest, time, settings.Polling, new NoFailures()))
        {
            scheduler.AdvanceBy(TimeSpan.FromSeconds(65).Ticks);
            ingest.Drain();
        }

        Assert.Equal(7, received.Count(static s => s.Key.Labels.Get("db") == "fast"));
        Assert.Equal(2, received.Count(static s => s.Key.Labels.Get("db") == "slow"));
    }

    [Fact]
    public void RecordDatabasesTo_InVirtualTime_RetriesAFailingDatabaseNoMoreOftenThanItsInterval()
    {
        var settings = Valid(
            [new FakeDatabaseProvider()],
            ("RxMonitor:Sources:Databases:0:Name", "gone"), ("RxMonitor:Sources:Databases:0:Provider", "fake"), ("RxMonitor:Sources:Databases:0:ConnectionString", "down"),
            ("RxMonitor:Sources:Databases:0:Interval", "10s"));
        var scheduler = new TestScheduler();
        var time = scheduler.AsTimeProvider();
        using var ingest = new MetricIngest(new IngestOptions(), time);
        using var sources = ConfiguredSources.Create(settings, time);
        var failures = new List<DateTimeOffset>();

        using (sources.RecordDatabasesTo(ingest, time, settings.Polling, new CollectingFailures(failures)))
        {
            scheduler.AdvanceBy(TimeSpan.FromSeconds(65).Ticks);
        }

        // Back-off 10 s, 20 s, 40 s: polls at 0, 10, 30 (and 70) seconds.
        Assert.Equal([0, 10, 30], failures.Select(static f => (int)Math.Round((f - DateTimeOffset.MinValue).TotalSeconds)));
    }

    private sealed class CollectingFailures(List<DateTimeOffset> times) : IFailureListener
    {
        public void OnFailure(PipelineFailure failure) => times.Add(failure.Timestamp);
    }

    private sealed class NoFailures : IFailureListener
    {
        public void OnFailure(PipelineFailure failure) => Assert.Fail($"Unexpected failure: {failure.Name}: {failure.Exception?.Message}");
    }
}
