using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Hosting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

/// <summary>The score of an <c>anomaly</c> rule run by the host, as a series: in the latest values, /metrics and the roll-ups.</summary>
public sealed class AnomalyScoreSeriesTests : IDisposable
{
    private const int Warmup = 10;
    private const int Samples = 40;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly SeriesKey Latency = SeriesKey.Create("order_latency_ms", LabelSet.Create(new Label("venue", "x")));
    private static readonly SeriesKey Score = SeriesKey.Create("order_latency_ms_anomaly_score", LabelSet.Create(new Label("venue", "x")));
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rxmon-anomaly-");

    [Trait("Category", "Integration")]
    [Fact]
    public async Task AnomalyRule_SamplesRecorded_ScoreSeriesInLatestValuesAndMetrics()
    {
        using var host = BuildHost();
        await host.StartAsync();
        try
        {
            var start = RecordSamples(host);
            var pipeline = host.Services.GetRequiredService<RxMonitorPipeline>();
            var score = await LatestScoreAsync(pipeline.Latest);

            Assert.Equal(start.AddSeconds(Samples - 1).UtcTicks, score.TimestampTicks);
            Assert.True(score.Value >= 0.5, $"The spike scored {score.Value}, not a detection.");
            var exposition = host.Services.GetRequiredService<PrometheusExporter>().Render();
            Assert.Contains("order_latency_ms_anomaly_score{venue=\"x\"}", exposition, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AnomalyRule_SamplesRecorded_ScoreSeriesRolledUpOncePerSample()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var start = RecordSamples(host);
        var pipeline = host.Services.GetRequiredService<RxMonitorPipeline>();
        await LatestScoreAsync(pipeline.Latest);
        await host.StopAsync();

        var buckets = await pipeline.History!.QueryRangeAsync(Score, RollupResolution.OneMinute, start.AddMinutes(-2), start.AddMinutes(2));

        Assert.Equal(Samples, buckets.Sum(static b => b.Count));
        Assert.True(buckets.Max(static b => b.Max) >= 0.5, "The spike's detection is not in the roll-ups.");
        Assert.Equal(0, buckets.Min(static b => b.Min));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static DateTimeOffset RecordSamples(IHost host)
    {
        var ingest = host.Services.GetRequiredService<MetricIngest>();
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-2);
        for (var i = 0; i < Samples; i++)
        {
            // A steady saw-tooth, then a value far beyond the range the warm-up learned.
            var value = i == Samples - 1 ? 500 : 10 + (i % 5);
            Assert.True(ingest.Record(Latency, start.AddSeconds(i), value));
        }

        return start;
    }

    private static async Task<MetricSample> LatestScoreAsync(LatestValueStore latest)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            foreach (var sample in latest.Snapshot())
            {
                if (sample.Key.Equals(Score) && sample.Value > 0)
                {
                    return sample;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RxMonitor:DefaultRules"] = "false",
            ["RxMonitor:Sqlite:Path"] = Path.Combine(_directory.FullName, "monitor.db"),
        });
        var rule = new AlertRule("LatencyAnomaly", SeriesSelector.Parse("order_latency_ms"), new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup));
        builder.Services.AddRxMonitor(builder.Configuration.GetSection("RxMonitor")).AddRule(rule).UseSqliteStore();
        return builder.Build();
    }
}
