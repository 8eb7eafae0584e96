namespace AlphaTrade.RxMonitor.Operators;

/// <summary>Counts the samples <c>DropInvalid</c> dropped, by reason.</summary>
/// <remarks>
/// Written by the pipeline's consumer with <see cref="Interlocked"/> and readable from any thread (a health
/// check, a metrics exporter) with no lock. One instance may be shared by several operators to count them together.
/// </remarks>
public sealed class SampleHygieneCounters
{
    private long _nonFinite;
    private long _late;

    /// <summary>Samples dropped because their value was NaN, +∞ or −∞.</summary>
    public long NonFinite => Interlocked.Read(ref _nonFinite);

    /// <summary>Samples dropped because they were older than their series' newest sample by more than the allowed lateness.</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>All dropped samples.</summary>
    public long Total => NonFinite + Late;

    internal void CountNonFinite() => Interlocked.Increment(ref _nonFinite);

    internal void CountLate() => Interlocked.Increment(ref _late);
}
