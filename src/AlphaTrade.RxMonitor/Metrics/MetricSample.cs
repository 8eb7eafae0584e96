namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>One observation of one series: the series key, the event time and the value.</summary>
/// <remarks>
/// A small readonly struct (24 bytes) that travels by value through the pipeline, so a sample costs no
/// allocation. The timestamp is kept as UTC ticks; <see cref="Timestamp"/> is the same instant as a
/// <see cref="DateTimeOffset"/>. A sample is stamped once, when it enters the pipeline, or carries its
/// recorded time in replay.
/// </remarks>
public readonly struct MetricSample : IEquatable<MetricSample>
{
    /// <summary>Creates a sample.</summary>
    /// <param name="key">The series.</param>
    /// <param name="timestamp">The event time.</param>
    /// <param name="value">The value.</param>
    public MetricSample(SeriesKey key, DateTimeOffset timestamp, double value)
        : this(key, timestamp.UtcTicks, value)
    {
    }

    /// <summary>Creates a sample from UTC ticks.</summary>
    /// <param name="key">The series.</param>
    /// <param name="timestampTicks">The event time in UTC ticks (<see cref="DateTimeOffset.UtcTicks"/>).</param>
    /// <param name="value">The value.</param>
    public MetricSample(SeriesKey key, long timestampTicks, double value)
    {
        Key = key;
        TimestampTicks = timestampTicks;
        Value = value;
    }

    /// <summary>The series this sample belongs to.</summary>
    public SeriesKey Key { get; }

    /// <summary>The event time in UTC ticks.</summary>
    public long TimestampTicks { get; }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>The event time.</summary>
    public DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);

    /// <summary>Whether two samples are equal.</summary>
    /// <param name="left">The first sample.</param>
    /// <param name="right">The second sample.</param>
    /// <returns><see langword="true"/> when key, time and value are equal.</returns>
    public static bool operator ==(MetricSample left, MetricSample right) => left.Equals(right);

    /// <summary>Whether two samples differ.</summary>
    /// <param name="left">The first sample.</param>
    /// <param name="right">The second sample.</param>
    /// <returns><see langword="true"/> when key, time or value differ.</returns>
    public static bool operator !=(MetricSample left, MetricSample right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MetricSample other) =>
        TimestampTicks == other.TimestampTicks && Value.Equals(other.Value) && Equals(Key, other.Key);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MetricSample other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, TimestampTicks, Value);

    /// <inheritdoc />
    public override string ToString() => $"{Key} {Value} @{Timestamp:O}";
}
