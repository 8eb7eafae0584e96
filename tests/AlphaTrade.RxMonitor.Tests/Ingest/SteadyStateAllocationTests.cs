using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

[CollectionDefinition(nameof(ProcessWideAllocation), DisableParallelization = true)]
public sealed class ProcessWideAllocation;

/// <summary>
/// The hot-path issue's steady-state check: 1M samples recorded into the ingest and drained through the
/// hot-path rules grow the process's allocated bytes by less than one byte per sample. It measures
/// <c>GC.GetTotalAllocatedBytes(precise: true)</c>, so it runs alone, outside the parallel test phase.
/// </summary>
[Collection(nameof(ProcessWideAllocation))]
public sealed class SteadyStateAllocationTests
{
    private const int Series = 200;
    private static readonly long SpacingTicks = TimeSpan.FromMicroseconds(50).Ticks;

    [Trait("Category", "Integration")]
    [Fact]
    public void RecordDrainAndRules_OneMillionSamplesInSteadyState_AllocateLessThanOneBytePerSample()
    {
        var keys = Enumerable.Range(0, Series)
            .Select(i => SeriesKey.Create("steady_state_latency", new Label("venue", "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToArray();
        var scheduler = new TestScheduler();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        scheduler.AdvanceTo(start);
        var ingest = new MetricIngest(new IngestOptions(), scheduler.AsTimeProvider());
        var selector = SeriesSelector.Parse("steady_state_latency");
        AlertRule[] rules =
        [
            new("HighMean", selector, new WindowAggregateDetector(TimeSpan.FromSeconds(1), WindowAggregation.Mean, ThresholdCondition.Above(80))),
            new("Rising", selector, new PercentChangeDetector(TimeSpan.FromSeconds(1), ThresholdCondition.Above(20))),
            new("Spike", selector, new ThresholdDetector(ThresholdCondition.Above(1_000))),
        ];
        var alerts = 0;
        using var subscription = ingest.Samples.EvaluateRules(rules, scheduler).Subscribe(_ => alerts++);
        var next = 0L;

        void Feed(int count)
        {
            for (var i = 0; i < count; i++, next++)
            {
                var ticks = start + (next * SpacingTicks);
                // A step for 20 s about every 10 minutes per series: alerts fire and resolve, as they do.
                var seconds = next * SpacingTicks / TimeSpan.TicksPerSecond;
                var series = (int)(next % Series);
                var value = 50 + (((seconds / 20) + series) % 30 == 0 ? 40 : 0) + (next % 7);
                ingest.Record(keys[series], ticks, value);
                if (i % 4096 == 4095)
                {
                    ingest.Drain();
                    scheduler.AdvanceTo(ticks);
                }
            }

            ingest.Drain();
        }

        Feed(300_000);
        var alertsBefore = alerts;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Feed(1_000_000);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(alerts > alertsBefore, "the measured stretch should raise alerts, so the alert path is part of the steady state");
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated for 1,000,000 samples ({alerts - alertsBefore} alert events)");
    }
}
