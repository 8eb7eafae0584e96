using AlphaTrade.RxMonitor.Metrics;
namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>One roll-up bucket of one series: the samples that fell in [<see cref="Start"/>, start + resolution).</summary>
/// <param name="Start">The start of the bucket (UTC, aligned to the resolution).</param>
/// <param name="Count">How many samples fell in the bucket.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
/// <param name="Last">The value of the latest sample.</param>
/// <remarks>
/// The one bucket type of stored history: the store's range queries and the analytics' <see cref="IMetricHistory"/>
/// return it, and readers take quantiles from its stored sketch rather than recomputing them.
/// A bucket written by the roll-up writer carries a quantile sketch of its samples (<see cref="DDSketch"/>, 1 %
/// relative accuracy): <see cref="Quantile"/> answers from it, and <see cref="TryMergeSketchInto"/> adds it to a
/// sketch of your own (e.g. the p99 of an hour from its sixty 1-minute buckets). Buckets written without one
/// (by schema version 1, or merged with such a part) have <see cref="HasSketch"/> false.
/// Equality compares the six aggregates only, not the sketch.
/// </remarks>
public readonly record struct RollupPoint(DateTimeOffset Start, long Count, double Sum, double Min, double Max, double Last)
{
    [ThreadStatic]
    private static DDSketch? t_scratch;

    /// <summary>The mean of the bucket's samples.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The bucket's quantile sketch in <see cref="DDSketch.WriteTo"/> form; empty when the bucket has none.</summary>
    public ReadOnlyMemory<byte> Sketch { get; init; }

    /// <summary>Whether the bucket carries a quantile sketch.</summary>
    public bool HasSketch => !Sketch.IsEmpty;

    /// <summary>The value at quantile <paramref name="q"/> of the bucket's samples, within 1 % (see <see cref="DDSketch.Quantile"/>); NaN without a sketch.</summary>
    /// <param name="q">The quantile, 0 ≤ q ≤ 1.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1].</exception>
    /// <exception cref="FormatException">The stored sketch is malformed (the file was damaged outside SQLite).</exception>
    /// <remarks>Decodes the sketch into a per-thread scratch sketch: nothing is allocated after the first call on a thread.</remarks>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be between 0 and 1.");
        }

        if (!HasSketch)
        {
            return double.NaN;
        }

        var scratch = t_scratch ??= new DDSketch();
        scratch.Clear();
        scratch.MergeFrom(Sketch.Span);
        return scratch.Quantile(q);
    }

    /// <summary>Adds the bucket's samples, as its sketch holds them, to <paramref name="sketch"/>.</summary>
    /// <param name="sketch">A sketch with the default 1 % relative accuracy.</param>
    /// <returns>False (and <paramref name="sketch"/> unchanged) when the bucket has no sketch.</returns>
    /// <exception cref="FormatException">The stored sketch is malformed; <paramref name="sketch"/> is unchanged.</exception>
    public bool TryMergeSketchInto(DDSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        if (!HasSketch)
        {
            return false;
        }

        sketch.MergeFrom(Sketch.Span);
        return true;
    }

    /// <summary>Equal when the six aggregates are equal (the sketch is not compared).</summary>
    /// <param name="other">The other point.</param>
    /// <returns>Whether the aggregates are equal.</returns>
    public bool Equals(RollupPoint other) =>
        Start.Equals(other.Start) && Count == other.Count && Sum.Equals(other.Sum) && Min.Equals(other.Min) && Max.Equals(other.Max) && Last.Equals(other.Last);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, Count, Sum, Min, Max, Last);
}
