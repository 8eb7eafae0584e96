namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>A roll-up row of the current batch, with its series id resolved, waiting to be written in key order.</summary>
internal struct RollupRow : IComparable<RollupRow>
{
    public long SeriesId;
    public long Bucket;
    public int Sequence;
    public long Count;
    public double Sum;
    public double Min;
    public double Max;
    public double Last;

    /// <summary>Key order (series, bucket), then arrival, so the later of two rows of one bucket is merged last.</summary>
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
