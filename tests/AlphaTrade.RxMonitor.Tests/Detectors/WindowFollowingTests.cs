using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

/// <summary>
/// Whether one window evaluator may follow another's window (skip the samples the other takes, then copy its window),
/// as rules with the same window do on a rule set's quiet path.
/// </summary>
public sealed class WindowFollowingTests
{
    private static readonly SeriesKey Series = SeriesKey.Create("follow_test");
    private static readonly long Start = DateTimeOffset.UnixEpoch.UtcTicks;

    [Fact]
    public void CanFollow_SameWindowAfterTheSameSamples_IsTrue()
    {
        var leader = Mean(2, above: 50);
        var follower = Mean(2, above: 70);
        Feed(leader, 10, 20, 30);
        Feed(follower, 10, 20, 30);

        Assert.True(follower.CanFollow(leader));
    }

    [Fact]
    public void CanFollow_AfterDifferentSamples_IsFalse()
    {
        var leader = Mean(2, above: 50);
        var follower = Mean(2, above: 70);
        Feed(leader, 10, 20, 30);
        Feed(follower, 10, 20);

        Assert.False(follower.CanFollow(leader));
    }

    [Fact]
    public void CanFollow_WindowOfAnotherSize_IsFalse()
    {
        Assert.False(Mean(3, above: 70).CanFollow(Mean(2, above: 50)));
    }

    [Fact]
    public void CanFollow_WindowOfAnotherAggregation_IsFalse()
    {
        var sum = Evaluator(new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Sum, ThresholdCondition.Above(50)));

        Assert.False(Mean(2, above: 50).CanFollow(sum));
    }

    [Fact]
    public void CanFollow_PercentChangeOfTheSameWindowMean_IsTrue()
    {
        var rising = Evaluator(new PercentChangeDetector(TimeSpan.FromSeconds(2), ThresholdCondition.Above(20)));

        Assert.True(rising.CanFollow(Mean(2, above: 50)));
    }

    [Fact]
    public void HasPlainWindow_QuantileWindow_IsFalse()
    {
        var quantile = Evaluator(new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Quantile, ThresholdCondition.Above(50), quantile: 0.9));

        Assert.False(quantile.HasPlainWindow);
        Assert.True(Mean(2, above: 50).HasPlainWindow);
    }

    [Fact]
    public void CatchUpWith_FollowerThatSkippedSamples_ClosesTheWindowOfAllTheSamples()
    {
        var leader = Mean(2, above: 50);
        var follower = Mean(2, above: 70);
        Feed(leader, 60);
        Feed(follower, 60);

        // The leader alone takes the rest of the window: 60, 90, 90 → mean 80, above the follower's 70 (60 alone is not).
        leader.AddAndCheckChanged(Start + TimeSpan.TicksPerMillisecond * 100, 90);
        leader.AddAndCheckChanged(Start + TimeSpan.TicksPerMillisecond * 200, 90);
        follower.CatchUpWith(leader);

        var result = follower.Evaluate(Start + (2 * TimeSpan.TicksPerSecond));
        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(80, result.Value);
    }

    private static ChangeTrackingEvaluator Mean(int seconds, double above) =>
        Evaluator(new WindowAggregateDetector(TimeSpan.FromSeconds(seconds), WindowAggregation.Mean, ThresholdCondition.Above(above)));

    private static ChangeTrackingEvaluator Evaluator(IDetector detector) => (ChangeTrackingEvaluator)detector.CreateEvaluator(Series);

    private static void Feed(ChangeTrackingEvaluator evaluator, params double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            evaluator.AddAndCheckChanged(Start + (i * TimeSpan.TicksPerMillisecond * 10), values[i]);
        }
    }
}
