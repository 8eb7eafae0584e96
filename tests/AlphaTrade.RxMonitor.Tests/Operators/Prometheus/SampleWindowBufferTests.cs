using AlphaTrade.RxMonitor.Operators.Prometheus;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Operators.Prometheus;

public sealed class SampleWindowBufferTests
{
    [Fact]
    public void Add_KeepsOldestFirst()
    {
        var buffer = new SampleWindowBuffer(2);
        buffer.Add(10, 1);
        buffer.Add(20, 2);
        buffer.Add(30, 3);

        Assert.Equal(3, buffer.Count);
        Assert.Equal([10L, 20L, 30L], buffer.Ticks.ToArray());
        Assert.Equal([1d, 2d, 3d], buffer.Values.ToArray());
        Assert.Equal(10, buffer.Ticks[0]);
        Assert.Equal(30, buffer.LastTicks);
        Assert.Equal(3, buffer.LastValue);
    }

    [Fact]
    public void TrimBefore_KeepsSamplesAtTheBoundary()
    {
        var buffer = Filled(10, 20, 30);

        buffer.TrimBefore(20);

        Assert.Equal([20L, 30L], buffer.Ticks.ToArray());
    }

    [Fact]
    public void Add_AfterTrimmingTheFront_KeepsTimeOrder()
    {
        var buffer = new SampleWindowBuffer(4);
        for (var t = 1; t <= 4; t++)
        {
            buffer.Add(t, t);
        }

        buffer.TrimBefore(3);
        for (var t = 5; t <= 9; t++)
        {
            buffer.Add(t, t);
        }

        Assert.Equal([3L, 4, 5, 6, 7, 8, 9], buffer.Ticks.ToArray());
        Assert.Equal([3d, 4, 5, 6, 7, 8, 9], buffer.Values.ToArray());
    }

    [Fact]
    public void AddAndTrim_SlidingWindow_DoesNotAllocate()
    {
        var buffer = new SampleWindowBuffer(8);
        var next = 0L;
        for (; next < 64; next++)
        {
            buffer.TrimBefore(next - 7);
            buffer.Add(next, next);
        }

        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 10_000; i++, next++)
            {
                buffer.TrimBefore(next - 7);
                buffer.Add(next, next);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
        Assert.Equal(8, buffer.Count);
    }

    [Fact]
    public void Add_OlderThanTheNewest_Throws()
    {
        var buffer = Filled(10);

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Add(9, 0));
    }

    [Fact]
    public void Clear_Empties()
    {
        var buffer = Filled(1, 2, 3);

        buffer.Clear();

        Assert.Equal(0, buffer.Count);
        Assert.True(buffer.Ticks.IsEmpty);
        Assert.Equal(long.MinValue, buffer.LastTicks);
    }

    private static SampleWindowBuffer Filled(params long[] times)
    {
        var buffer = new SampleWindowBuffer(2);
        foreach (var t in times)
        {
            buffer.Add(t, t);
        }

        return buffer;
    }
}
