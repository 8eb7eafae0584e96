using AlphaTrade.RxMonitor.Ingest;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

public sealed class IdleSpinPolicyTests
{
    private static readonly TimeSpan Spin = TimeSpan.FromMicroseconds(50);

    [Fact]
    public void SpinWindow_NothingDrainedSinceThePark_IsZero()
    {
        var policy = new IdleSpinPolicy(Spin);

        Assert.Equal(TimeSpan.Zero, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_SparseStream_IsTheConfiguredSpin()
    {
        var policy = new IdleSpinPolicy(Spin);
        policy.Drained(100);
        policy.Waited(TimeSpan.FromMicroseconds(5));

        Assert.Equal(Spin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_DenseSteadyStreamWithAWriterDescheduledOnce_SpinsAHundredTimesLonger()
    {
        var policy = new IdleSpinPolicy(Spin);
        policy.Drained(20_000);
        for (var i = 0; i < 20_000; i++)
        {
            policy.Waited(TimeSpan.FromMicroseconds(5));
        }

        policy.Waited(TimeSpan.FromMilliseconds(3));

        Assert.Equal(TimeSpan.FromMilliseconds(5), policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_DenseStreamPausingAMillisecondBetweenBursts_IsTheConfiguredSpin()
    {
        var policy = new IdleSpinPolicy(Spin);
        for (var burst = 0; burst < 200; burst++)
        {
            policy.Drained(200);
            for (var i = 0; i < 20; i++)
            {
                policy.Waited(TimeSpan.FromMicroseconds(1));
            }

            policy.Waited(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(Spin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_SteadyStreamThatStartsPausing_TurnsToTheConfiguredSpinWithinAFewHundredMilliseconds()
    {
        var policy = new IdleSpinPolicy(Spin);
        policy.Drained(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            policy.Waited(TimeSpan.FromMicroseconds(5));
        }

        for (var burst = 0; burst < 300; burst++)
        {
            policy.Waited(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(Spin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_AfterAPark_CountsTheSamplesFromZero()
    {
        var policy = new IdleSpinPolicy(Spin);
        policy.Drained(5_000);
        policy.Parked();

        Assert.Equal(TimeSpan.Zero, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_LongConfiguredSpin_DenseSpinIsCappedAtTheMaximum()
    {
        var policy = new IdleSpinPolicy(TimeSpan.FromMilliseconds(500));
        policy.Drained(5_000);
        policy.Waited(TimeSpan.FromMilliseconds(1));

        Assert.Equal(IngestOptions.MaxSpinBeforePark, policy.SpinWindow);
    }
}
