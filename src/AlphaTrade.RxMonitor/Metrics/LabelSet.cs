using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// An immutable set of labels, sorted by name, with its hash and fingerprint computed once.
/// </summary>
/// <remarks>
/// Labels with empty values are dropped (Prometheus semantics: an empty label is no label). The
/// <see cref="Fingerprint"/> is the 64-bit FNV-1a hash Prometheus and Alertmanager use for label sets
/// (name, 0xFF, value, 0xFF, … over the sorted labels), so alert identities match theirs. Thread-safe.
/// </remarks>
public sealed class LabelSet : IEquatable<LabelSet>, IReadOnlyList<Label>
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private readonly Label[] _labels;
    private readonly int _hash;
    private string? _text;

    private LabelSet(Label[] sorted)
    {
        _labels = sorted;
        var hash = new HashCode();
        var fingerprint = FnvOffset;
        foreach (var label in sorted)
        {
            hash.Add(label.Name, StringComparer.Ordinal);
            hash.Add(label.Value, StringComparer.Ordinal);
            fingerprint = Fnv(Fnv(Fnv(Fnv(fingerprint, label.Name), 0xFF), label.Value), 0xFF);
        }

        _hash = hash.ToHashCode();
        Fingerprint = fingerprint;
    }

    /// <summary>The set without labels.</summary>
    public static LabelSet Empty { get; } = new([]);

    /// <summary>The 64-bit FNV-1a fingerprint of the sorted labels, as Prometheus and Alertmanager compute it.</summary>
    public ulong Fingerprint { get; }

    /// <inheritdoc />
    public int Count => _labels.Length;

    /// <inheritdoc />
    public Label this[int index] => _labels[index];

    /// <summary>Creates a set from labels.</summary>
    /// <param name="labels">The labels; names must be valid label names (<c>__name__</c> allowed) and unique.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A label name is invalid or repeats.</exception>
    public static LabelSet Create(params ReadOnlySpan<Label> labels)
    {
        if (labels.IsEmpty)
        {
            return Empty;
        }

        var list = new List<Label>(labels.Length);
        foreach (var label in labels)
        {
            if (label.Name != MetricNames.NameLabel && !MetricNames.IsValidLabelName(label.Name))
            {
                throw new ArgumentException($"'{label.Name}' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*).", nameof(labels));
            }

            if (!string.IsNullOrEmpty(label.Value))
            {
                list.Add(label);
            }
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Name == list[i - 1].Name)
            {
                throw new ArgumentException($"Label '{list[i].Name}' appears more than once.", nameof(labels));
            }
        }

        return list.Count == 0 ? Empty : new LabelSet([.. list]);
    }

    /// <summary>Creates a set from (name, value) pairs.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The set.</returns>
    public static LabelSet Create(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Create([.. labels.Select(static kv => new Label(kv.Key, kv.Value))]);
    }

    /// <summary>The value of <paramref name="name"/>, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public string? Get(string name)
    {
        foreach (var label in _labels)
        {
            if (string.Equals(label.Name, name, StringComparison.Ordinal))
            {
                return label.Value;
            }
        }

        return null;
    }

    /// <summary>A new set with <paramref name="overrides"/> added or replacing labels of the same name.</summary>
    /// <param name="overrides">The labels to set; an empty value removes the label.</param>
    /// <returns>The merged set.</returns>
    public LabelSet With(params ReadOnlySpan<Label> overrides)
    {
        if (overrides.IsEmpty)
        {
            return this;
        }

        var merged = new Dictionary<string, string>(_labels.Length + overrides.Length, StringComparer.Ordinal);
        foreach (var label in _labels)
        {
            merged[label.Name] = label.Value;
        }

        foreach (var label in overrides)
        {
            merged[label.Name] = label.Value;
        }

        return Create(merged);
    }

    /// <summary>The labels as a name → value dictionary (a copy).</summary>
    /// <returns>The dictionary.</returns>
    public Dictionary<string, string> ToDictionary() =>
        _labels.ToDictionary(static l => l.Name, static l => l.Value, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(LabelSet? other) =>
        ReferenceEquals(this, other) ||
        (other is not null && other._hash == _hash && _labels.AsSpan().SequenceEqual(other._labels));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LabelSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>The set in Prometheus notation, <c>{a="x",b="y"}</c>.</summary>
    /// <returns>The text, computed once.</returns>
    public override string ToString() => _text ??= Format();

    /// <inheritdoc />
    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _labels.GetEnumerator();

    internal ReadOnlySpan<Label> AsSpan() => _labels;

    internal void AppendTo(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < _labels.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(_labels[i].Name).Append("=\"");
            MetricNames.AppendEscaped(text, _labels[i].Value);
            text.Append('"');
        }

        text.Append('}');
    }

    private string Format()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    private static ulong Fnv(ulong hash, string value)
    {
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = Fnv(hash, b);
        }

        return hash;
    }

    private static ulong Fnv(ulong hash, byte value) => (hash ^ value) * FnvPrime;
}
