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
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
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
            // Checked on its own first: inside the anchors, "a)|(b" would compile as a half-anchored alternation, and
            // an error's position and wording would be about the anchored text rather than what the user wrote.
            if (RegexProblem(value) is { } problem)
            {
                throw new ArgumentException($"'{value}' is not a valid regular expression: {problem}.");
            }

            _regex = new Regex(@"\A(?:" + value + @")\z", Options);
        }

        MatchesEmpty = Matches(string.Empty);
    }

    /// <summary>What is wrong with a regular expression, in words for its author; null when it compiles.</summary>
    /// <param name="pattern">The expression as written (unanchored).</param>
    /// <returns>The problem (e.g. <c>unterminated bracket at character 1</c>), or null.</returns>
    internal static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Options);
            return null;
        }
        catch (RegexParseException e)
        {
            return $"{Words(e.Error.ToString())} at character {e.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        catch (NotSupportedException)
        {
            return "it uses back-references, look-arounds, atomic groups or conditionals, which linear-time matching (like Prometheus' RE2) does not have";
        }
        catch (ArgumentException)
        {
            return "it does not compile";
        }
    }

    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
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

    /// <summary>A matcher <c>name="value"</c>.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Equal(string name, string value) => new(name, MatchOperator.Equal, value);

    /// <summary>A matcher <c>name!="value"</c>.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher NotEqual(string name, string value) => new(name, MatchOperator.NotEqual, value);

    /// <summary>A matcher <c>name=~"pattern"</c>.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="pattern">The regular expression, anchored at both ends.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Regex(string name, string pattern) => new(name, MatchOperator.RegexMatch, pattern);

    /// <summary>A matcher <c>name!~"pattern"</c>.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="pattern">The regular expression, anchored at both ends.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher NotRegex(string name, string pattern) => new(name, MatchOperator.RegexNotMatch, pattern);

    /// <summary>Parses one matcher in Alertmanager notation: <c>name=value</c>, <c>name!="v"</c>, <c>name=~"re"</c>, <c>name !~ re</c>.</summary>
    /// <param name="text">The text; the value may be double-quoted (with <c>\"</c>, <c>\\</c>, <c>\n</c> escapes).</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="FormatException">The text is not a matcher; the message says why.</exception>
    public static LabelMatcher Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var matcher, out var error) ? matcher : throw new FormatException(error);
    }

    /// <summary>Parses one matcher in Alertmanager notation without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="matcher">The matcher, when the text parses.</param>
    /// <param name="error">Why it does not parse, otherwise.</param>
    /// <returns><see langword="true"/> when the text parses.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelMatcher? matcher, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        matcher = null;
        var span = text.AsSpan().Trim();
        var nameEnd = 0;
        while (nameEnd < span.Length && (char.IsAsciiLetterOrDigit(span[nameEnd]) || span[nameEnd] == '_'))
        {
            nameEnd++;
        }

        var name = span[..nameEnd].ToString();
        if (name.Length == 0)
        {
            error = $"'{text}' names no label; expected name=value, name!=value, name=~regex or name!~regex.";
            return false;
        }

        if (!MetricNames.IsValidLabelName(name))
        {
            error = $"'{text}' does not start with a valid label name.";
            return false;
        }

        var rest = span[nameEnd..].TrimStart();
        MatchOperator op;
        if (rest.StartsWith("=~", StringComparison.Ordinal))
        {
            op = MatchOperator.RegexMatch;
        }
        else if (rest.StartsWith("!~", StringComparison.Ordinal))
        {
            op = MatchOperator.RegexNotMatch;
        }
        else if (rest.StartsWith("!=", StringComparison.Ordinal))
        {
            op = MatchOperator.NotEqual;
        }
        else if (rest.StartsWith('='))
        {
            op = MatchOperator.Equal;
        }
        else
        {
            error = $"'{text}' has no operator (=, !=, =~, !~) after the label name.";
            return false;
        }

        rest = rest[(op == MatchOperator.Equal ? 1 : 2)..].Trim();
        if (!TryUnquote(rest, out var value))
        {
            error = $"'{text}' has an unterminated or badly escaped quoted value.";
            return false;
        }

        try
        {
            matcher = new LabelMatcher(name, op, value);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Whether the label <see cref="Name"/> of <paramref name="labels"/> satisfies the matcher (absent counts as empty).</summary>
    /// <param name="labels">The labels.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Matches(labels.Get(Name));
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

    private static bool TryUnquote(ReadOnlySpan<char> raw, out string value)
    {
        if (raw.Length == 0 || raw[0] != '"')
        {
            value = raw.ToString();
            return true;
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '"')
            {
                value = text.ToString();
                return i == raw.Length - 1;
            }

            if (c == '\\')
            {
                if (++i >= raw.Length)
                {
                    break;
                }

                text.Append(raw[i] switch
                {
                    'n' => '\n',
                    var e => e,
                });
                continue;
            }

            text.Append(c);
        }

        value = string.Empty;
        return false;
    }
}
