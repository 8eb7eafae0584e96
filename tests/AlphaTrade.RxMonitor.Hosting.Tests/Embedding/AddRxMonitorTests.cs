using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

public sealed class AddRxMonitorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAndStop_EmptySection_StopsTheAlertManager()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["RxMonitor:DefaultRules"] = "false" }, static _ => { });

        await host.StartAsync();
        await host.StopAsync();

        var manager = host.Services.GetRequiredService<AlertManager>();
        Assert.Throws<ObjectDisposedException>(() => manager.AddSink(new CollectingAlertSink("x")));
    }

    [Fact]
    public async Task Start_InvalidOptions_FailsListingEveryProblemWithItsPath()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RxMonitor:DefaultRules"] = "maybe",
            ["RxMonitor:Ingest:MaxBatch"] = "0",
            ["RxMonitor:Sqlite:Path"] = "",
            ["RxMonitor:Alerting:Route:GroupWait"] = "soon",
        };
        using var host = BuildHost(settings, static b => b
            .UseSqliteStore()
            .AddDetectorRule("Twice", SeriesSelector.Parse("a"), static q => Observable.Empty<DetectorSignal>())
            .AddDetectorRule("Twice", SeriesSelector.Parse("b"), static q => Observable.Empty<DetectorSignal>()));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Collection(
            error.Problems.Select(static p => p.ToString()).Order(StringComparer.Ordinal),
            f => Assert.StartsWith("RxMonitor: the rule 'Twice' added in code (AddRule #2)", f, StringComparison.Ordinal),
            f => Assert.StartsWith("RxMonitor:Alerting:Route:GroupWait", f, StringComparison.Ordinal),
            f => Assert.StartsWith("RxMonitor:DefaultRules", f, StringComparison.Ordinal),
            f => Assert.StartsWith("RxMonitor:Ingest:MaxBatch", f, StringComparison.Ordinal),
            f => Assert.StartsWith("RxMonitor:Sqlite:Path", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_CustomRxQueryDetectorBreached_CollectingSinkReceivesTheAlert()
    {
        var sink = new CollectingAlertSink("OrderLatencyHigh");
        var settings = new Dictionary<string, string?>
        {
            ["RxMonitor:DefaultRules"] = "false",
            ["RxMonitor:Alerting:Route:GroupWait"] = "0s",
        };
        using var host = BuildHost(settings, b => b
            .AddDetectorRule(
                "OrderLatencyHigh",
                SeriesSelector.Parse("order_latency_ms"),
                static samples => samples
                    .Where(static s => s.Value > 100)
                    .Select(static s => DetectorSignal.Breached(s.Key, new DateTimeOffset(s.TimestampTicks, TimeSpan.Zero), s.Value, Severity.Warning)))
            .AddSink(sink));
        await host.StartAsync();
        try
        {
            var ingest = host.Services.GetRequiredService<MetricIngest>();
            var series = SeriesKey.Create("order_latency_ms");

            Assert.True(ingest.Record(series, 250));
            var alert = await sink.FirstFiring.WaitAsync(Patience);

            Assert.Equal(250, alert.Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Start_SinkForUnknownReceiver_FailsNamingTheReceiver()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["RxMonitor:DefaultRules"] = "false" }, static b => b.AddSink(new CollectingAlertSink("x"), "pager"));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Problems).ToString();
        Assert.Contains("receiver 'pager', which is not configured", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAndStop_SqliteSection_CreatesTheStore()
    {
        var directory = Directory.CreateTempSubdirectory("rxmon-embed-");
        try
        {
            var path = Path.Combine(directory.FullName, "monitor.db");
            using (var host = BuildHost(new Dictionary<string, string?> { ["RxMonitor:DefaultRules"] = "false", ["RxMonitor:Sqlite:Path"] = path }, static b => b.UseSqliteStore()))
            {
                await host.StartAsync();
                await host.StopAsync();
            }

            Assert.True(File.Exists(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_SqliteSectionWithoutTheStorePluggedIn_FailsSayingToCallUseSqliteStore()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["RxMonitor:DefaultRules"] = "false", ["RxMonitor:Sqlite:Path"] = "x.db" }, static _ => { });

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Problems).ToString();
        Assert.StartsWith("RxMonitor:Sqlite: no store is plugged in", failure, StringComparison.Ordinal);
        Assert.Contains("UseSqliteStore()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSqliteStore_WithOptionsInCode_StoresAlertHistoryInThatFile()
    {
        var directory = Directory.CreateTempSubdirectory("rxmon-embed-");
        try
        {
            var path = Path.Combine(directory.FullName, "code.db");
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddRxMonitor(static o => o.DefaultRules = false).UseSqliteStore(o => o.Path = path);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                var pipeline = host.Services.GetRequiredService<RxMonitorPipeline>();
                Assert.Equal(path, pipeline.Store!.Location);
                Assert.Same(pipeline.Store.AlertHistory, host.Services.GetRequiredService<AlertManager>().History);
                await host.StopAsync();
            }

            Assert.True(File.Exists(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task UseSqliteStore_InvalidSection_ListsTheStoreProblemWithTheOthers()
    {
        using var host = BuildHost(
            new Dictionary<string, string?> { ["RxMonitor:DefaultRules"] = "false", ["RxMonitor:Sqlite:BatchSize"] = "0", ["RxMonitor:Sqlite:Pth"] = "x" },
            static b => b.UseSqliteStore());

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Contains(error.Problems, static p => p.ToString().StartsWith("unknown key RxMonitor:Sqlite:Pth (did you mean RxMonitor:Sqlite:Path?)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, static p => p.ToString().StartsWith("RxMonitor:Sqlite:BatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SourceAndRuleAddedInCode_CollectingSinkReceivesTheAlert()
    {
        var sink = new CollectingAlertSink("BacklogHigh");
        var settings = new Dictionary<string, string?>
        {
            ["RxMonitor:DefaultRules"] = "false",
            ["RxMonitor:Alerting:Route:GroupWait"] = "0s",
        };
        var rule = new AlertRule("BacklogHigh", SeriesSelector.Parse("backlog"), new ThresholdDetector(ThresholdCondition.Above(10)));
        using var host = BuildHost(settings, b => b
            .AddSource(new ConstantSource(SeriesKey.Create("backlog"), 42))
            .AddRule(rule)
            .AddSink(sink));
        await host.StartAsync();
        try
        {
            var alert = await sink.FirstFiring.WaitAsync(Patience);

            Assert.Equal(42, alert.Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, Action<RxMonitorBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder.Services.AddRxMonitor(builder.Configuration.GetSection("RxMonitor")));
        return builder.Build();
    }
}
