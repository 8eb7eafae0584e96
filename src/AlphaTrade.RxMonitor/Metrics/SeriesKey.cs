using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// The identity of a time series: a metric name and a set of labels, immutable, with its hash computed once.
/// </summary>
/// <remarks>
/// A source creates the key of each of its series once and reuses it for every sample, so the hot path
/// never builds strings or hashes them: equality first compares references, then the cached hashes, and
/// only then the names and labels. Thread-safe (immutable).
/// </remarks>
public sealed class SeriesKey : IEquatable<SeriesKey>
{
    private readonly int _hash;
    private string? _text;

    private SeriesKey(string name, LabelSet labels)
    {
        Name = name;
        Labels = labels;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), labels.GetHashCode());
    }

    /// <summary>The metric name, e.g. <c>cpu_usage_percent</c>.</summary>
    public string Name { get; }

    /// <summary>The labels, sorted by name, without empty values.</summary>
    public LabelSet Labels { get; }

    /// <summary>Creates a key from a metric name and labels.</summary>
    /// <param name="name">The metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</param>
    /// <param name="labels">The labels; names must be valid Prometheus label names and unique.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The name or a label name is invalid, or a label name repeats.</exception>
    public static SeriesKey Create(string name, params ReadOnlySpan<Label> labels) => Create(name, LabelSet.Create(labels));

    /// <summary>Creates a key from a metric name and a label set.</summary>
    /// <param name="name">The metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</param>
    /// <param name="labels">The labels; must not contain <c>__name__</c>.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The name is invalid or the labels hold <c>__name__</c>.</exception>
    public static SeriesKey Create(string name, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!MetricNames.IsValidMetricName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(name));
        }

        if (labels.Get(MetricNames.NameLabel) is not null)
        {
            throw new ArgumentException("A series' labels must not hold __name__; pass the metric name instead.", nameof(labels));
        }

        return new SeriesKey(name, labels);
    }

    /// <summary>The value of the label <paramref name="labelName"/>, or <see langword="null"/> when the series has none.</summary>
    /// <param name="labelName">The label name; <c>__name__</c> returns the metric name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetLabel(string labelName) => labelName == MetricNames.NameLabel ? Name : Labels.Get(labelName);

    /// <inheritdoc />
    public bool Equals(SeriesKey? other) =>
        ReferenceEquals(this, other) ||
        (other is not null && other._hash == _hash && other.Name == Name && other.Labels.Equals(Labels));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SeriesKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>The key in Prometheus notation: <c>name{a="x",b="y"}</c>, or just <c>name</c> without labels.</summary>
    /// <returns>The text, computed once.</returns>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        if (Labels.Count == 0)
        {
            return Name;
        }

        var text = new StringBuilder(Name);
        Labels.AppendTo(text);
        return text.ToString();
    }
}
