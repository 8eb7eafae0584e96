using AlphaTrade.RxMonitor.Ingest;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

public sealed class IdleSpinPolicyTests
{
    private static readonly TimeSpan Spin = TimeSpan.FromMicroseconds(50);
    private static readonly TimeSpan DenseSpin = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void KeepSpinning_NoSampleEver_IsFalse()
    {
        var policy = new IdleSpinPolicy(Spin);

        Assert.False(policy.KeepSpinning(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void KeepSpinning_SparseStream_LastsTheConfiguredSpinFromWhenTheQueuesRanEmpty()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 100, every: TimeSpan.FromMicroseconds(5));

        Assert.True(policy.KeepSpinning(at));
        Assert.True(policy.KeepSpinning(at + TimeSpan.FromMicroseconds(49)));
        Assert.False(policy.KeepSpinning(at + TimeSpan.FromMicroseconds(50)));
    }

    [Fact]
    public void SpinWindow_DenseSteadyStreamWithAWriterDescheduledOnce_SpinsAHundredTimesLonger()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 20_000, every: TimeSpan.FromMicroseconds(5));
        policy.Drained(1, at + TimeSpan.FromMilliseconds(3));

        Assert.Equal(DenseSpin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_DenseStreamPausingAMillisecondBetweenBursts_IsTheConfiguredSpin()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = TimeSpan.Zero;
        for (var burst = 0; burst < 200; burst++)
        {
            at = Steady(policy, at, samples: 200, every: TimeSpan.FromMicroseconds(1)) + TimeSpan.FromMilliseconds(1);
        }

        Assert.Equal(Spin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_SteadyStreamThatStartsPausing_TurnsToTheConfiguredSpinWithinAFewHundredMilliseconds()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 100_000, every: TimeSpan.FromMicroseconds(5));
        Steady(policy, at, samples: 300, every: TimeSpan.FromMilliseconds(1));

        Assert.Equal(Spin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_DenseStreamAfterAPark_StaysDense()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 20_000, every: TimeSpan.FromMicroseconds(5));
        Assert.False(policy.KeepSpinning(at + TimeSpan.FromMilliseconds(6)));
        Steady(policy, at + TimeSpan.FromMilliseconds(8), samples: 10, every: TimeSpan.FromMicroseconds(5));

        Assert.Equal(DenseSpin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_StreamStoppedForMoreThanAHundredMilliseconds_CountsItsSamplesFromZero()
    {
        // A configured spin longer than the stop, so the stop is a short wait and the stream stays steady.
        var spin = TimeSpan.FromMilliseconds(200);
        var policy = new IdleSpinPolicy(spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 20_000, every: TimeSpan.FromMicroseconds(5));
        Steady(policy, at + TimeSpan.FromMilliseconds(101), samples: 10, every: TimeSpan.FromMicroseconds(5));

        Assert.Equal(spin, policy.SpinWindow);
    }

    [Fact]
    public void KeepSpinning_WakeWithoutASampleInTheMiddleOfAGap_SpinsOnlyWhatIsLeftOfTheWindow()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 20_000, every: TimeSpan.FromMicroseconds(5));
        Assert.True(policy.KeepSpinning(at));
        Assert.False(policy.KeepSpinning(at + DenseSpin));

        Assert.False(policy.KeepSpinning(at + DenseSpin + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void KeepSpinning_SampleAfterAGap_CountsTheNextWindowFromWhenTheQueuesRanEmptyAgain()
    {
        var policy = new IdleSpinPolicy(Spin);
        var at = Steady(policy, TimeSpan.Zero, samples: 20_000, every: TimeSpan.FromMicroseconds(5));
        policy.Drained(1, at + TimeSpan.FromMilliseconds(20));

        Assert.True(policy.KeepSpinning(at + TimeSpan.FromMilliseconds(20) + TimeSpan.FromMicroseconds(20)));
    }

    [Fact]
    public void SpinWindow_WriterDescheduledPastTheSpinAndASlowWakeUp_StaysDense()
    {
        // Each cycle: 7.5 ms of 5 µs waits, then the writer gone 5.5 ms (the loop parks after its 5 ms spin) and a
        // wake-up that takes 10 ms more. The stream waited 5.5 ms; counting the wake-up too (15.5 ms) would outweigh
        // the 7.5 ms of short waits.
        var policy = new IdleSpinPolicy(Spin);
        var at = TimeSpan.Zero;
        for (var cycle = 0; cycle < 50; cycle++)
        {
            at = Steady(policy, at, samples: 1_500, every: TimeSpan.FromMicroseconds(5));
            Assert.False(policy.KeepSpinning(at + DenseSpin));
            policy.WakeAsked(at + TimeSpan.FromMilliseconds(5.5));
            at += TimeSpan.FromMilliseconds(15.5);
        }

        Assert.Equal(DenseSpin, policy.SpinWindow);
    }

    [Fact]
    public void SpinWindow_LongConfiguredSpin_DenseSpinIsCappedAtTheMaximum()
    {
        var policy = new IdleSpinPolicy(TimeSpan.FromMilliseconds(500));
        Steady(policy, TimeSpan.Zero, samples: 5_000, every: TimeSpan.FromMicroseconds(5));

        Assert.Equal(IngestOptions.MaxSpinBeforePark, policy.SpinWindow);
    }

    /// <summary>
    /// One sample every <paramref name="every"/>, the loop finding the queues empty right after each: returns the time
    /// of the last.
    /// </summary>
    private static TimeSpan Steady(IdleSpinPolicy policy, TimeSpan from, int samples, TimeSpan every)
    {
        var at = from;
        for (var i = 0; i < samples; i++)
        {
            at = from + (i * every);
            policy.Drained(1, at);
            policy.KeepSpinning(at);
        }

        return at;
    }
}
