using System.Text;
using System.Text.RegularExpressions;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>One matcher of a series selector: a label name, an operator and a value or regular expression.</summary>
/// <remarks>
/// Prometheus semantics: a label the series does not have is seen as the empty string (so
/// <c>a=""</c> matches series without <c>a</c>, and <c>a!=""</c> those with it); regular expressions are
/// fully anchored (<c>=~"ab"</c> does not match <c>"abc"</c>) and <c>.</c> does not match a newline, as in
/// Prometheus 2.x. Regular expressions run on .NET's non-backtracking engine, which like Prometheus' RE2
/// matches in linear time and rejects back-references and look-arounds. Matching never allocates.
/// Immutable and thread-safe.
/// </remarks>
public sealed class LabelMatcher : IEquatable<LabelMatcher>
{
    private readonly Regex? _regex;

    /// <summary>Creates a matcher.</summary>
    /// <param name="name">The label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>), or <c>__name__</c> for the metric name.</param>
    /// <param name="op">The operator.</param>
    /// <param name="value">The value, or for <c>=~</c>/<c>!~</c> the regular expression (anchored at both ends).</param>
    /// <exception cref="ArgumentException">The name is invalid, or the regular expression does not compile.</exception>
    public LabelMatcher(string name, MatchOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name != MetricNames.NameLabel && !MetricNames.IsValidLabelName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*).", nameof(name));
        }

        if (!Enum.IsDefined(op))
        {
            throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown match operator.");
        }

        Name = name;
        Operator = op;
        Value = value;
        if (op is MatchOperator.RegexMatch or MatchOperator.RegexNotMatch)
        {
            try
            {
                _regex = new Regex(
                    @"\A(?:" + value + @")\z",
                    RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new ArgumentException($"'{value}' is not a valid regular expression: {e.Message}", nameof(value), e);
            }
        }

        MatchesEmpty = Matches(string.Empty);
    }

    /// <summary>The label name; <c>__name__</c> stands for the metric name.</summary>
    public string Name { get; }

    /// <summary>The operator.</summary>
    public MatchOperator Operator { get; }

    /// <summary>The value, or the regular expression as written (without the implied anchors).</summary>
    public string Value { get; }

    /// <summary>Whether the matcher matches the empty string, i.e. a series that lacks the label.</summary>
    public bool MatchesEmpty { get; }

    /// <summary>Whether <paramref name="value"/> satisfies the matcher; <see langword="null"/> (label absent) counts as empty.</summary>
    /// <param name="value">The label value, or <see langword="null"/> when the series does not have the label.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(string? value)
    {
        value ??= string.Empty;
        return Operator switch
        {
            MatchOperator.Equal => string.Equals(value, Value, StringComparison.Ordinal),
            MatchOperator.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
            MatchOperator.RegexMatch => _regex!.IsMatch(value),
            _ => !_regex!.IsMatch(value),
        };
    }

    /// <summary>Whether the series' label <see cref="Name"/> satisfies the matcher.</summary>
    /// <param name="series">The series.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(SeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Matches(series.GetLabel(Name));
    }

    /// <inheritdoc />
    public bool Equals(LabelMatcher? other) =>
        other is not null && other.Operator == Operator &&
        string.Equals(other.Name, Name, StringComparison.Ordinal) &&
        string.Equals(other.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LabelMatcher other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), Operator, StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>The matcher in Prometheus notation, e.g. <c>job=~"api|web"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    internal static string OperatorText(MatchOperator op) => op switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.RegexMatch => "=~",
        _ => "!~",
    };

    internal void AppendTo(StringBuilder text)
    {
        text.Append(Name).Append(OperatorText(Operator)).Append('"');
        MetricNames.AppendEscaped(text, Value);
        text.Append('"');
    }
}
