using System.Text;
using System.Text.RegularExpressions;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>One label matcher (<c>name=value</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>) with Alertmanager's semantics.</summary>
/// <remarks>
/// A label that is absent matches as the empty string, so <c>team=""</c> matches alerts without a
/// <c>team</c> label and <c>team!=""</c> requires one. Regular expressions are fully anchored
/// (<c>^(?:re)$</c>), compiled once, culture-invariant and bounded by a match timeout.
/// Immutable and thread-safe.
/// </remarks>
public sealed class LabelMatcher : IEquatable<LabelMatcher>
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex? _regex;

    /// <summary>Creates a matcher.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="type">The comparison.</param>
    /// <param name="value">The value or, for the regex types, the pattern.</param>
    /// <exception cref="ArgumentException">The name is not a valid label name or the pattern does not parse.</exception>
    public LabelMatcher(string name, MatchType type, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!MetricNames.IsValidLabelName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*).", nameof(name));
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown match type.");
        }

        Name = name;
        Type = type;
        Value = value;
        if (type is MatchType.Regex or MatchType.NotRegex)
        {
            try
            {
                _regex = new Regex(
                    "^(?:" + value + ")$",
                    RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture,
                    RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"'{value}' is not a valid regular expression: {ex.Message}", nameof(value), ex);
            }
        }
    }

    /// <summary>The label name.</summary>
    public string Name { get; }

    /// <summary>The comparison.</summary>
    public MatchType Type { get; }

    /// <summary>The value or pattern.</summary>
    public string Value { get; }

    /// <summary>Whether the matcher matches the empty string (i.e. an alert without the label).</summary>
    public bool MatchesEmpty => Matches(string.Empty);

    /// <summary>Creates an <c>=</c> matcher.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Equal(string name, string value) => new(name, MatchType.Equal, value);

    /// <summary>Creates a <c>!=</c> matcher.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher NotEqual(string name, string value) => new(name, MatchType.NotEqual, value);

    /// <summary>Creates a <c>=~</c> matcher.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="pattern">The regular expression (anchored for you).</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher Regex(string name, string pattern) => new(name, MatchType.Regex, pattern);

    /// <summary>Creates a <c>!~</c> matcher.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="pattern">The regular expression (anchored for you).</param>
    /// <returns>The matcher.</returns>
    public static LabelMatcher NotRegex(string name, string pattern) => new(name, MatchType.NotRegex, pattern);

    /// <summary>Parses Alertmanager matcher text: <c>name=value</c>, <c>name!="v"</c>, <c>name=~"re"</c>, <c>name !~ re</c>.</summary>
    /// <param name="text">The text; the value may be double-quoted (with <c>\"</c>, <c>\\</c>, <c>\n</c> escapes).</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="FormatException">The text is not a matcher; the message says why.</exception>
    public static LabelMatcher Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var matcher, out var error) ? matcher : throw new FormatException(error);
    }

    /// <summary>Parses matcher text without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="matcher">The matcher, when the text parses.</param>
    /// <param name="error">Why it does not parse, otherwise.</param>
    /// <returns><see langword="true"/> when the text parses.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelMatcher? matcher, out string? error)
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
        MatchType type;
        if (rest.StartsWith("=~", StringComparison.Ordinal))
        {
            type = MatchType.Regex;
        }
        else if (rest.StartsWith("!~", StringComparison.Ordinal))
        {
            type = MatchType.NotRegex;
        }
        else if (rest.StartsWith("!=", StringComparison.Ordinal))
        {
            type = MatchType.NotEqual;
        }
        else if (rest.StartsWith('='))
        {
            type = MatchType.Equal;
        }
        else
        {
            error = $"'{text}' has no operator (=, !=, =~, !~) after the label name.";
            return false;
        }

        rest = rest[(type == MatchType.Equal ? 1 : 2)..].Trim();
        if (!TryUnquote(rest, out var value))
        {
            error = $"'{text}' has an unterminated or badly escaped quoted value.";
            return false;
        }

        try
        {
            matcher = new LabelMatcher(name, type, value);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Whether the matcher matches <paramref name="labels"/> (an absent label counts as empty).</summary>
    /// <param name="labels">The labels.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Matches(labels.Get(Name) ?? string.Empty);
    }

    /// <summary>Whether the matcher matches one label value.</summary>
    /// <param name="value">The value (empty for an absent label).</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool Matches(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Type switch
        {
            MatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
            MatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
            MatchType.Regex => SafeRegexMatch(value),
            _ => !SafeRegexMatch(value),
        };
    }

    /// <inheritdoc />
    public bool Equals(LabelMatcher? other) =>
        other is not null && other.Type == Type &&
        string.Equals(other.Name, Name, StringComparison.Ordinal) &&
        string.Equals(other.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LabelMatcher other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type, Value);

    /// <summary>The matcher in Alertmanager notation, e.g. <c>severity=~"warning|critical"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Name);
        text.Append(Type switch
        {
            MatchType.Equal => "=",
            MatchType.NotEqual => "!=",
            MatchType.Regex => "=~",
            _ => "!~",
        });
        text.Append('"');
        MetricNames.AppendEscaped(text, Value);
        return text.Append('"').ToString();
    }

    private bool SafeRegexMatch(string value)
    {
        try
        {
            return _regex!.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological pattern must not stall the alert manager; a timed-out match is no match.
            return false;
        }
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

    internal static string Describe(IEnumerable<LabelMatcher> matchers) =>
        "{" + string.Join(",", matchers.Select(static m => m.ToString())) + "}";
}
