using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Writing;

public sealed class SketchArenaTests
{
    [Fact]
    public void TryAppend_RingFull_FalseUntilTheWriterReleases()
    {
        var sketch = Sketch(1, 2, 3);
        var arena = new SketchArena(100);
        Assert.True(arena.TryAppend(sketch, out var first, out var length));
        while (arena.TryAppend(sketch, out _, out _))
        {
        }

        Assert.False(arena.TryAppend(sketch, out _, out var none));
        Assert.Equal(0, none);

        arena.Release(first + length);

        Assert.True(arena.TryAppend(sketch, out _, out _));
    }

    [Fact]
    public void Read_SketchAppendedAfterWrapAround_SameBytesAsWritten()
    {
        var small = Sketch(1, 2, 3);
        var large = Sketch(1, 10, 100, 1000, 10_000);
        var arena = new SketchArena(60);
        Assert.True(arena.TryAppend(small, out var p1, out var l1));
        Assert.True(arena.TryAppend(small, out var p2, out var l2));
        arena.Release(p2 + l2);

        Assert.True(arena.TryAppend(large, out var p3, out var l3));

        var copy = new DDSketch();
        copy.MergeFrom(arena.Read(p3, l3));
        Assert.Equal(large.Quantile(0.5), copy.Quantile(0.5));
        Assert.Equal(large.Count, copy.Count);
        Assert.True(p3 > p1 + l1);
    }

    [Fact]
    public void Rewind_AfterFailedEnqueue_NextAppendReusesTheSpace()
    {
        var sketch = Sketch(5);
        var arena = new SketchArena(64);
        var head = arena.Head;
        Assert.True(arena.TryAppend(sketch, out var position, out _));

        arena.Rewind(head);

        Assert.True(arena.TryAppend(sketch, out var again, out _));
        Assert.Equal(position, again);
    }

    private static DDSketch Sketch(params double[] values)
    {
        var sketch = new DDSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch;
    }
}
