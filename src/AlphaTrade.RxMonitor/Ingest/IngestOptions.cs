using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>Options of the ingest hand-off. Defaults suit a trading process; <see cref="Validate"/> lists every problem at its key (<c>RxMonitor:Ingest:MaxBatch</c>).</summary>
public sealed class IngestOptions : IValidatableOptions
{
    /// <summary>
    /// Capacity of each writer thread's queue, in samples; rounded up to a power of two. Default 65,536 (1.5 MiB). A
    /// queue starts at 256 samples and grows to this only when its writer fills it, so an occasional writer keeps a
    /// small queue; it drops or rejects by <see cref="FullMode"/> once full at this capacity.
    /// </summary>
    public int CapacityPerWriter { get; set; } = 65_536;

    /// <summary>What a full queue does. Default <see cref="IngestFullMode.DropNewest"/>.</summary>
    public IngestFullMode FullMode { get; set; } = IngestFullMode.DropNewest;

    /// <summary>Most samples taken from one writer queue before the consumer moves to the next. Default 4,096.</summary>
    public int MaxBatch { get; set; } = 4_096;

    /// <summary>
    /// How long the consumer thread spins on empty queues before it parks. Default 50 µs: long enough that a
    /// steady stream never pays a wake-up, short enough that an idle host costs nothing. In a dense, steady stream
    /// (1,024 samples or more since the stream last stopped for 100 ms, most of the consumer's recent idle time in waits
    /// shorter than this) it spins 100 times this long (5 ms by default, at most <see cref="MaxSpinBeforePark"/>), so a
    /// writer descheduled for a scheduler time slice costs no wake-up; a stream that pauses between bursts parks in its
    /// pauses.
    /// </summary>
    public TimeSpan SpinBeforePark { get; set; } = TimeSpan.FromMicroseconds(50);

    /// <summary>The longest <see cref="SpinBeforePark"/> accepted: 1 second.</summary>
    public static TimeSpan MaxSpinBeforePark { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Never park: the consumer thread spins on one core for the lowest latency. For hosts that pin a core to
    /// the monitor. Default <see langword="false"/>.
    /// </summary>
    public bool DedicatedSpinningConsumer { get; set; }

    /// <summary>
    /// The most live series the ingest delivers; a sample of a new series beyond it is dropped and counted
    /// (<see cref="IngestStatistics.SeriesRejected"/>), and the pipeline's health is Degraded. Default 100,000.
    /// </summary>
    public int MaxSeries { get; set; } = 100_000;

    /// <summary>
    /// How long a series may go without a sample before the ingest evicts it, freeing its place under
    /// <see cref="MaxSeries"/> (its newest sample's time against the pipeline clock). Default 1 hour: the longest
    /// roll-up bucket, so that a series is evicted only once the roll-ups, the rules (staleness 5 minutes by
    /// default) and the latest values no longer hold it.
    /// </summary>
    public TimeSpan SeriesIdleAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The configuration section these options are documented under.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("RxMonitor:Ingest");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (CapacityPerWriter is < 2 or > (1 << 26))
        {
            problems.Add(path.Key(nameof(CapacityPerWriter)), $"must be between 2 and {1 << 26}, was {CapacityPerWriter}.");
        }

        if (!Enum.IsDefined(FullMode))
        {
            problems.Add(path.Key(nameof(FullMode)), $"must be DropNewest, DropOldest or Reject, was {FullMode}.");
        }

        if (MaxBatch < 1)
        {
            problems.Add(path.Key(nameof(MaxBatch)), $"must be at least 1, was {MaxBatch}.");
        }

        if (SpinBeforePark < TimeSpan.Zero || SpinBeforePark > MaxSpinBeforePark)
        {
            problems.Add(path.Key(nameof(SpinBeforePark)), $"must be between 0 and {MaxSpinBeforePark} (set DedicatedSpinningConsumer to never park), was {SpinBeforePark}.");
        }

        if (MaxSeries < 1)
        {
            problems.Add(path.Key(nameof(MaxSeries)), $"must be at least 1, was {MaxSeries}.");
        }

        if (SeriesIdleAfter < TimeSpan.FromSeconds(1))
        {
            problems.Add(path.Key(nameof(SeriesIdleAfter)), $"must be at least 1 second, was {SeriesIdleAfter}.");
        }
    }
}
