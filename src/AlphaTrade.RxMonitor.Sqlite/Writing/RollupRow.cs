namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// One roll-up bucket on its way into or out of a segment: a closed bucket of the writer's batch, or one decoded
/// from a stored segment. Its sketch bytes live in a shared buffer at [<see cref="SketchOffset"/>, + <see cref="SketchLength"/>).
/// </summary>
internal struct RollupRow : IComparable<RollupRow>
{
    public long SeriesId;
    public long Bucket;

    /// <summary>Write order: of two rows of one bucket, the one with the higher sequence was written later.</summary>
    public long Sequence;
    public long Count;
    public double Sum;
    public double Min;
    public double Max;
    public double Last;
    public int SketchOffset;

    /// <summary>0 when the bucket has no sketch.</summary>
    public int SketchLength;

    /// <summary>Key order (series, bucket), then write order, so the later of two rows of one bucket is merged last.</summary>
    public readonly int CompareTo(RollupRow other)
    {
        var bySeries = SeriesId.CompareTo(other.SeriesId);
        if (bySeries != 0)
        {
            return bySeries;
        }

        var byBucket = Bucket.CompareTo(other.Bucket);
        return byBucket != 0 ? byBucket : Sequence.CompareTo(other.Sequence);
    }
}
