using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// The identity of a time series: a metric name and a set of labels, immutable, with its hash computed once.
/// </summary>
/// <remarks>
/// <para>
/// A source creates the key of each of its series once and reuses it for every sample, so the hot path
/// never builds strings or hashes them: equality first compares references, then the cached hashes, and
/// only then the names and labels. Thread-safe (immutable).
/// </para>
/// <para>
/// Keys are interned: creating a key equal to a live one returns the existing instance, so equal keys are the
/// same object and each live series has a small dense <see cref="Id"/> that operators use to index arrays
/// instead of hashing. The intern table holds keys weakly: a key nothing references any more (its source, the
/// rules, the latest values and the roll-ups have all let it go) is collected, and its id is reused by a later
/// key, so a label that churns (a connection id, a short-lived task) costs memory only while its series lives.
/// Holders of per-id state that do not keep the key itself must check <see cref="Stamp"/>, which is never reused.
/// </para>
/// </remarks>
public sealed class SeriesKey : IEquatable<SeriesKey>
{
    private static readonly SeriesKeyTable Interned = new();
    private readonly int _hash;
    private string? _text;

    private SeriesKey(string name, LabelSet labels, int id, long stamp)
    {
        Name = name;
        Labels = labels;
        Id = id;
        Stamp = stamp;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), labels.GetHashCode());
    }

    /// <summary>Returns the key's id for reuse once nothing references the key.</summary>
    ~SeriesKey()
    {
        Interned.Release(this);
    }

    /// <summary>
    /// A small dense number unique to this series among the live keys of this process, for finding per-series
    /// state without hashing strings; <b>reused</b> by a later key once this one is collected, so state kept by id
    /// must also be checked against <see cref="Stamp"/> (as <see cref="SeriesTable{TState}"/> does).
    /// </summary>
    public int Id { get; }

    /// <summary>
    /// A positive number unique to this key object in this process and never reused (unlike <see cref="Id"/>): state
    /// stored under an id belongs to this key only while the stored stamp equals this one.
    /// </summary>
    public long Stamp { get; }

    /// <summary>The number of live interned keys (keys not yet collected).</summary>
    internal static int LiveCount => Interned.Count;

    /// <summary>One more than the largest id in use or free: the size an array indexed by <see cref="Id"/> needs.</summary>
    internal static int IdSpace => Interned.IdSpace;

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

        return Interned.GetOrCreate(name, labels);
    }

    /// <summary>A new interned key; only the intern table calls this.</summary>
    internal static SeriesKey NewInterned(string name, LabelSet labels, int id, long stamp) => new(name, labels, id, stamp);

    /// <summary>Parses a series literal: <c>name</c> or <c>name{label="value",…}</c>.</summary>
    /// <param name="text">
    /// The literal. Only <c>=</c> is allowed; values are double-quoted with the escapes <c>\\</c>, <c>\"</c> and
    /// <c>\n</c>; whitespace between tokens and a trailing comma are allowed; a label with an empty value is no label.
    /// </param>
    /// <returns>The key.</returns>
    /// <exception cref="SelectorParseException">The text is not a valid series literal; the message and <see cref="SelectorParseException.Column"/> say where and what was expected.</exception>
    public static SeriesKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SeriesKeyParser.Parse(text);
    }

    /// <summary>Parses a series literal, reporting failure instead of throwing.</summary>
    /// <param name="text">The literal (see <see cref="Parse(string)"/>).</param>
    /// <param name="key">The key, when valid.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SeriesKey? key) => TryParse(text, out key, out _);

    /// <summary>Parses a series literal, reporting failure and its reason instead of throwing.</summary>
    /// <param name="text">The literal (see <see cref="Parse(string)"/>).</param>
    /// <param name="key">The key, when valid.</param>
    /// <param name="error">When invalid, the problem with its column; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out SeriesKey? key,
        [NotNullWhen(false)] out SelectorParseException? error)
    {
        key = null;
        error = null;
        try
        {
            key = SeriesKeyParser.Parse(text ?? string.Empty);
            return true;
        }
        catch (SelectorParseException e)
        {
            error = e;
            return false;
        }
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
