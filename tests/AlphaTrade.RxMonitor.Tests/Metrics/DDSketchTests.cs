using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class DDSketchTests
{
    private static readonly double[] Quantiles = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

    [Fact]
    public void Quantile_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(new DDSketch().Quantile(0.5)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Quantile_LogNormalData_WithinOnePercentOfExactRankValue(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(random.NextDouble() * 12 - 4)).ToArray();

        AssertAccurate(values, Fill(values));
    }

    [Fact]
    public void Quantile_MixedSignsAndZeros_WithinOnePercent()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 10_000)
            .Select(i => i % 10 == 0 ? 0 : (random.NextDouble() - 0.4) * 1000)
            .ToArray();

        AssertAccurate(values, Fill(values));
    }

    [Fact]
    public void Quantile_ZeroAndOne_AreExactMinAndMax()
    {
        var sketch = Fill([3.3, -7.1, 12.9, 0.5]);

        Assert.Equal(-7.1, sketch.Quantile(0));
        Assert.Equal(12.9, sketch.Quantile(1));
    }

    [Fact]
    public void Quantile_SingleValue_IsThatValue()
    {
        Assert.Equal(42.5, Fill([42.5]).Quantile(0.5));
    }

    [Fact]
    public void Quantile_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DDSketch().Quantile(1.5));
    }

    [Fact]
    public void Add_NonFinite_Ignored()
    {
        var sketch = Fill([1, double.NaN, double.PositiveInfinity]);

        Assert.Equal(1, sketch.Count);
    }

    [Fact]
    public void Merge_EqualsOneSketchOfAllValues()
    {
        var random = new Random(11);
        var left = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 100).ToArray();
        var right = Enumerable.Range(0, 5000).Select(_ => -random.NextDouble() * 1e6).ToArray();
        var merged = Fill(left);

        merged.Merge(Fill(right));

        var whole = Fill([.. left, .. right]);
        Assert.Equal(whole.Count, merged.Count);
        foreach (var q in Quantiles)
        {
            Assert.Equal(whole.Quantile(q), merged.Quantile(q));
        }
    }

    [Fact]
    public void Merge_DifferentAccuracy_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DDSketch(0.01).Merge(new DDSketch(0.02)));
    }

    [Fact]
    public void Add_RangeBeyondBucketBound_CollapsesLowestAndKeepsHighQuantilesAccurate()
    {
        var sketch = new DDSketch(0.01, maxBucketsPerStore: 128);
        var values = Enumerable.Range(0, 1000).Select(i => Math.Pow(10, i / 100.0)).ToArray();

        foreach (var v in values)
        {
            sketch.Add(v);
        }

        var sorted = values.Order().ToArray();
        foreach (var q in new[] { 0.9, 0.95, 0.99 })
        {
            var exact = sorted[(int)(q * (sorted.Length - 1))];
            Assert.InRange(sketch.Quantile(q), exact * 0.99, exact * 1.01);
        }

        // Collapsed small values are reported at the lowest kept bucket: over-estimated, never under.
        Assert.True(sketch.Quantile(0.01) > sorted[10] * 1.01);
    }

    [Fact]
    public void Add_AfterWarmUpAndClear_DoesNotAllocate()
    {
        var sketch = new DDSketch();
        var random = new Random(5);
        var values = Enumerable.Range(0, 4096).Select(_ => Math.Exp(random.NextDouble() * 20 - 10) * (random.Next(2) == 0 ? 1 : -1)).ToArray();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        var other = Fill(values);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            sketch.Clear();
            foreach (var v in values)
            {
                sketch.Add(v);
            }

            sketch.Merge(other);
            _ = sketch.Quantile(0.99);
        }

        // Per-sample allocation would cost megabytes here; the runtime may allocate a few bytes once (tiered JIT).
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024);
    }

    [Fact]
    public void Clear_EmptiesTheSketch()
    {
        var sketch = Fill([1, 2, 3]);

        sketch.Clear();
        sketch.Add(10);

        Assert.Equal(1, sketch.Count);
        Assert.Equal(10, sketch.Quantile(0.5));
    }

    [Fact]
    public void Add_DriftingUpwards_StaysAccurate()
    {
        var sketch = new DDSketch(0.01, maxBucketsPerStore: 64);
        var values = Enumerable.Range(1, 300).Select(i => 1.0 + i).ToArray();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        AssertAccurate(values, sketch, [0.5, 0.9, 0.99]);
    }

    private static DDSketch Fill(IEnumerable<double> values)
    {
        var sketch = new DDSketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        return sketch;
    }

    private static void AssertAccurate(double[] values, DDSketch sketch, double[]? quantiles = null)
    {
        var sorted = values.Order().ToArray();
        foreach (var q in quantiles ?? Quantiles)
        {
            var exact = sorted[(int)(q * (sorted.Length - 1))];
            var estimate = sketch.Quantile(q);
            Assert.True(
                Math.Abs(estimate - exact) <= 0.01 * Math.Abs(exact) + 1e-12,
                $"q={q}: estimate {estimate} vs exact {exact}");
        }
    }

    [Fact]
    public void MergeFrom_WrittenSketch_AnswersEveryQuantileLikeTheOriginal()
    {
        var random = new Random(11);
        var original = Fill([.. Enumerable.Range(0, 5_000).Select(i => i % 7 == 0 ? 0 : (random.NextDouble() - 0.3) * 500)]);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        original.WriteTo(buffer);
        var copy = new DDSketch();
        copy.MergeFrom(buffer.WrittenSpan);

        Assert.Equal(original.Count, copy.Count);
        Assert.Equal(original.Min, copy.Min);
        Assert.Equal(original.Max, copy.Max);
        Assert.All(Quantiles, q => Assert.Equal(original.Quantile(q), copy.Quantile(q)));
    }

    [Fact]
    public void MergeFrom_IntoNonEmptySketch_SameAsMergingTheSketch()
    {
        var a = Fill([1, 2, 3, 400]);
        var b = Fill([0.5, 7, 9000]);
        var merged = Fill([1, 2, 3, 400]);
        merged.Merge(b);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        b.WriteTo(buffer);
        a.MergeFrom(buffer.WrittenSpan);

        Assert.Equal(merged.Count, a.Count);
        Assert.All(Quantiles, q => Assert.Equal(merged.Quantile(q), a.Quantile(q)));
    }

    [Fact]
    public void MergeFrom_EmptyWrittenSketch_LeavesSketchEmpty()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new DDSketch().WriteTo(buffer);
        var sketch = new DDSketch();

        sketch.MergeFrom(buffer.WrittenSpan);

        Assert.Equal(0, sketch.Count);
    }

    [Fact]
    public void MergeFrom_TruncatedBytes_ThrowsFormatException()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Fill([1, 2, 3]).WriteTo(buffer);

        Assert.Throws<FormatException>(() => new DDSketch().MergeFrom(buffer.WrittenSpan[..^3]));
    }

    [Fact]
    public void MergeFrom_MalformedBytes_LeavesTheSketchUnchanged()
    {
        var target = Fill([1, 2, 3, 400]);
        var before = Quantiles.Select(target.Quantile).ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Fill([5, 6, 7, 8000]).WriteTo(buffer);

        Assert.Throws<FormatException>(() => target.MergeFrom(buffer.WrittenSpan[..^3]));

        Assert.Equal(4, target.Count);
        Assert.Equal(before, Quantiles.Select(target.Quantile));
    }
}
