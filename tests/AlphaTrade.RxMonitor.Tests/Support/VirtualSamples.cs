using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Metrics;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>
/// A TestScheduler whose clock starts at the Unix epoch and a sample subject fed in virtual time: each sample
/// is delivered when the clock reaches its timestamp, as the live pipeline and replay do.
/// </summary>
internal sealed class VirtualSamples
{
    public VirtualSamples()
    {
        Scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.UtcTicks);
    }

    public TestScheduler Scheduler { get; } = new();

    public Subject<MetricSample> Samples { get; } = new();

    /// <summary>UTC ticks of <paramref name="seconds"/> after the Unix epoch.</summary>
    public static long At(double seconds) => DateTimeOffset.UnixEpoch.UtcTicks + (long)(seconds * TimeSpan.TicksPerSecond);

    /// <summary>The time <paramref name="seconds"/> after the Unix epoch.</summary>
    public static DateTimeOffset Time(double seconds) => new(At(seconds), TimeSpan.Zero);

    /// <summary>Schedules <paramref name="key"/> = <paramref name="value"/> at <paramref name="seconds"/>.</summary>
    public VirtualSamples Add(SeriesKey key, double seconds, double value)
    {
        var sample = new MetricSample(key, At(seconds), value);
        Scheduler.Schedule(Time(seconds), () => Samples.OnNext(sample));
        return this;
    }

    /// <summary>Schedules one sample per (seconds, value) pair.</summary>
    public VirtualSamples Add(SeriesKey key, params (double Seconds, double Value)[] points)
    {
        foreach (var (seconds, value) in points)
        {
            Add(key, seconds, value);
        }

        return this;
    }

    /// <summary>Schedules samples every <paramref name="step"/> seconds from <paramref name="start"/>, one per value; NaN skips a point.</summary>
    public VirtualSamples Every(SeriesKey key, double start, double step, params double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                Add(key, start + (i * step), values[i]);
            }
        }

        return this;
    }

    /// <summary>Runs the clock to <paramref name="seconds"/> after the epoch.</summary>
    public void RunTo(double seconds) => Scheduler.AdvanceTo(At(seconds));
}
