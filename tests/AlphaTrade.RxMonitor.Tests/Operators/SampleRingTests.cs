using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class SampleRingTests
{
    [Fact]
    public void Add_KeepsOldestFirst()
    {
        var ring = new SampleRing(2);
        ring.Add(10, 1);
        ring.Add(20, 2);
        ring.Add(30, 3);

        Assert.Equal(3, ring.Count);
        Assert.Equal([10L, 20L, 30L], Enumerable.Range(0, 3).Select(ring.TimeAt));
        Assert.Equal([1d, 2d, 3d], Enumerable.Range(0, 3).Select(ring.ValueAt));
        Assert.Equal(10, ring.FirstTime);
        Assert.Equal(30, ring.LastTime);
        Assert.Equal(3, ring.LastValue);
    }

    [Fact]
    public void DropBefore_KeepsSamplesAtTheBoundary()
    {
        var ring = Filled(10, 20, 30);

        ring.DropBefore(20);

        Assert.Equal([20L, 30L], Enumerable.Range(0, ring.Count).Select(ring.TimeAt));
    }

    [Fact]
    public void DropAtOrBefore_DropsSamplesAtTheBoundary()
    {
        var ring = Filled(10, 20, 30);

        ring.DropAtOrBefore(20);

        Assert.Equal([30L], Enumerable.Range(0, ring.Count).Select(ring.TimeAt));
    }

    [Fact]
    public void Add_AfterWrapAround_GrowsInOrder()
    {
        var ring = new SampleRing(4);
        for (var t = 1; t <= 4; t++)
        {
            ring.Add(t, t);
        }

        ring.DropBefore(3);
        for (var t = 5; t <= 9; t++)
        {
            ring.Add(t, t);
        }

        Assert.Equal([3L, 4, 5, 6, 7, 8, 9], Enumerable.Range(0, ring.Count).Select(ring.TimeAt));
        Assert.Equal(8, ring.Capacity);
    }

    [Fact]
    public void AddAndDrop_SlidingAtCapacity_DoesNotAllocate()
    {
        var ring = new SampleRing(8);
        for (var t = 0; t < 8; t++)
        {
            ring.Add(t, t);
        }

        var next = 8L;
        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 10_000; i++, next++)
            {
                ring.DropBefore(next - 7);
                ring.Add(next, next);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
        Assert.Equal(8, ring.Capacity);
    }

    [Fact]
    public void TimeAt_OutOfRange_Throws()
    {
        var ring = Filled(10);

        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TimeAt(1));
    }

    [Fact]
    public void Clear_EmptiesAndKeepsCapacity()
    {
        var ring = Filled(1, 2, 3);
        var capacity = ring.Capacity;

        ring.Clear();

        Assert.Equal(0, ring.Count);
        Assert.Equal(capacity, ring.Capacity);
    }

    private static SampleRing Filled(params long[] times)
    {
        var ring = new SampleRing(2);
        foreach (var t in times)
        {
            ring.Add(t, t);
        }

        return ring;
    }
}
