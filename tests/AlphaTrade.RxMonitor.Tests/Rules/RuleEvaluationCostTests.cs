using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class RuleEvaluationCostTests
{
    [Trait("Category", "Integration")]
    [Fact]
    public void EvaluateRules_SteadyState_AllocatesNothingPerSample()
    {
        var keys = Enumerable.Range(0, 200).Select(i => SeriesKey.Create("latency", new Label("series", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var selector = SeriesSelector.Parse("latency");
        AlertRule[] rules =
        [
            new("High", selector, new ThresholdDetector(ThresholdCondition.Above(1e9))),
            new("Rate", selector, new RangeFunctionDetector(RangeFunction.Rate, TimeSpan.FromMilliseconds(100), ThresholdCondition.Above(1e12))),
            new("Avg", selector, new OverTimeDetector(OverTimeFunction.Avg, TimeSpan.FromMilliseconds(100), ThresholdCondition.Above(1e9))),
        ];
        var input = new VirtualSamples();
        var events = 0;
        using var subscription = input.Samples.EvaluateRules(rules, input.Scheduler).Subscribe(_ => events++);
        var start = VirtualSamples.At(0);

        void Feed(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                // 50 µs apart, round robin: each series gets a sample every 10 ms.
                input.Samples.OnNext(new MetricSample(keys[i % keys.Length], start + (i * 500L), i));
            }
        }

        Feed(0, 100_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(100_000, 300_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, events);
        Assert.True(allocated < 300_000, $"{allocated} bytes for 300k samples");
    }
}
