using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// A Prometheus instant-vector selector, <c>name{a="x",b!="y",c=~"re",d!~"re"}</c>: the series a rule watches.
/// </summary>
/// <remarks>
/// <para>
/// Parsed from Prometheus notation: a bare metric name (<c>up</c>), a name with matchers, or matchers only
/// (<c>{__name__="up",job="api"}</c>); whitespace between tokens and a trailing comma are allowed; label
/// values may be written in double quotes, single quotes (both with Go escapes such as <c>\"</c>, <c>\n</c>,
/// <c>\\</c>, <c>\u00e9</c>) or backticks (raw). As in Prometheus, a selector must have at least one matcher
/// that does not match the empty string, and a metric name may be given only once.
/// </para>
/// <para>
/// A series matches when every matcher matches it (see <see cref="LabelMatcher"/> for the semantics of each:
/// missing labels are the empty string; regular expressions are fully anchored). <see cref="Matches"/> does
/// not allocate. Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class SeriesSelector : IEquatable<SeriesSelector>
{
    private const string Kind = "series selector";
    private readonly LabelMatcher[] _matchers;
    private string? _text;

    private SeriesSelector(LabelMatcher[] matchers)
    {
        _matchers = matchers;
        MetricName = Array.Find(matchers, static m => m.Name == MetricNames.NameLabel && m.Operator == MatchOperator.Equal)?.Value;
        EqualityMatchers = Array.FindAll(matchers, static m => m.Operator == MatchOperator.Equal);
        AbsentLabels = BuildAbsentLabels(matchers);
    }

    /// <summary>The matchers, in the order written; a leading metric name is the matcher <c>__name__="name"</c>.</summary>
    public IReadOnlyList<LabelMatcher> Matchers => _matchers;

    /// <summary>The matchers with the <c>=</c> operator, including <c>__name__</c>, in the order written.</summary>
    public IReadOnlyList<LabelMatcher> EqualityMatchers { get; }

    /// <summary>The metric name fixed by the selector (<c>name{…}</c> or <c>__name__="name"</c>), or <see langword="null"/>.</summary>
    public string? MetricName { get; }

    /// <summary>
    /// The labels Prometheus' <c>absent</c>/<c>absent_over_time</c> gives its result for this selector: each
    /// label with exactly one matcher, that matcher being <c>=</c>; never <c>__name__</c>.
    /// </summary>
    public LabelSet AbsentLabels { get; }

    /// <summary>Parses a selector.</summary>
    /// <param name="text">The selector in Prometheus notation.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="SelectorParseException">The text is not a valid selector; the message and <see cref="SelectorParseException.Column"/> say where and what was expected.</exception>
    public static SeriesSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseCore(text);
    }

    /// <summary>Parses a selector, reporting failure instead of throwing.</summary>
    /// <param name="text">The selector in Prometheus notation.</param>
    /// <param name="selector">The selector, when valid.</param>
    /// <param name="error">When invalid, the problem with its column; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out SeriesSelector? selector,
        [NotNullWhen(false)] out SelectorParseException? error)
    {
        selector = null;
        error = null;
        if (text is null)
        {
            error = new SelectorLexer(string.Empty, Kind).Error(0, "expected a metric name or '{', found no text");
            return false;
        }

        try
        {
            selector = ParseCore(text);
            return true;
        }
        catch (SelectorParseException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>Creates a selector from matchers (all must match).</summary>
    /// <param name="matchers">The matchers; at least one must not match the empty string.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException">No matcher excludes the empty string.</exception>
    public static SeriesSelector Create(params ReadOnlySpan<LabelMatcher> matchers)
    {
        foreach (var matcher in matchers)
        {
            ArgumentNullException.ThrowIfNull(matcher, nameof(matchers));
        }

        if (!HasNonEmptyMatcher(matchers))
        {
            throw new ArgumentException("A selector needs at least one matcher that does not match the empty string.", nameof(matchers));
        }

        return new SeriesSelector(matchers.ToArray());
    }

    /// <summary>Whether <paramref name="series"/> satisfies every matcher.</summary>
    /// <param name="series">The series.</param>
    /// <returns><see langword="true"/> when it matches. Does not allocate.</returns>
    public bool Matches(SeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var matcher in _matchers)
        {
            if (!matcher.Matches(series.GetLabel(matcher.Name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(SeriesSelector? other) =>
        other is not null && (ReferenceEquals(this, other) || _matchers.AsSpan().SequenceEqual(other._matchers));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SeriesSelector other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var matcher in _matchers)
        {
            hash.Add(matcher);
        }

        return hash.ToHashCode();
    }

    /// <summary>The selector in canonical Prometheus notation: <c>name{a="x",b=~"y"}</c> or <c>{a="x"}</c>.</summary>
    /// <returns>The text, computed once.</returns>
    public override string ToString() => _text ??= Format();

    private static SeriesSelector ParseCore(string text)
    {
        var lexer = new SelectorLexer(text, Kind);
        var matchers = new List<LabelMatcher>();
        var metricNameAt = -1;
        lexer.SkipWhitespace();
        var nameStart = lexer.Position;
        var name = lexer.ReadName(allowColon: true);
        if (name is not null)
        {
            matchers.Add(new LabelMatcher(MetricNames.NameLabel, MatchOperator.Equal, name));
            metricNameAt = nameStart;
            lexer.SkipWhitespace();
        }

        if (lexer.Peek('{'))
        {
            lexer.Advance();
            ParseMatchers(lexer, matchers, metricNameAt >= 0);
        }
        else if (name is null)
        {
            throw lexer.Error(lexer.Position, "expected a metric name or '{', found " + lexer.Describe(lexer.Position));
        }

        lexer.SkipWhitespace();
        if (!lexer.AtEnd)
        {
            var expected = name is not null && matchers.Count == 1 ? "expected '{' or the end of the selector" : "expected the end of the selector";
            throw lexer.Error(lexer.Position, expected + ", found " + lexer.Describe(lexer.Position));
        }

        if (!HasNonEmptyMatcher(matchers.ToArray()))
        {
            throw lexer.Error(0, "a selector needs at least one matcher that does not match the empty string (e.g. a metric name or job=\"api\")");
        }

        return new SeriesSelector([.. matchers]);
    }

    private static void ParseMatchers(SelectorLexer lexer, List<LabelMatcher> matchers, bool hasMetricName)
    {
        while (true)
        {
            lexer.SkipWhitespace();
            if (lexer.Peek('}'))
            {
                lexer.Advance();
                return;
            }

            var labelStart = lexer.Position;
            var label = lexer.ReadName(allowColon: false);
            if (label is null)
            {
                throw lexer.Error(lexer.Position, "expected a label name or '}', found " + lexer.Describe(lexer.Position));
            }

            lexer.SkipWhitespace();
            var op = ReadOperator(lexer);
            lexer.SkipWhitespace();
            var valueStart = lexer.Position;
            var value = lexer.ReadString(promql: true);
            if (label == MetricNames.NameLabel && hasMetricName)
            {
                throw lexer.Error(labelStart, "the metric name is already set before '{'; it cannot also be matched by __name__");
            }

            matchers.Add(CreateMatcher(lexer, label, op, value, valueStart));
            lexer.SkipWhitespace();
            if (lexer.Peek(','))
            {
                lexer.Advance();
                continue;
            }

            if (!lexer.Peek('}'))
            {
                throw lexer.Error(lexer.Position, "expected ',' or '}', found " + lexer.Describe(lexer.Position));
            }
        }
    }

    private static MatchOperator ReadOperator(SelectorLexer lexer)
    {
        if (lexer.Peek('=', '~'))
        {
            lexer.Advance(2);
            return MatchOperator.RegexMatch;
        }

        if (lexer.Peek('!', '='))
        {
            lexer.Advance(2);
            return MatchOperator.NotEqual;
        }

        if (lexer.Peek('!', '~'))
        {
            lexer.Advance(2);
            return MatchOperator.RegexNotMatch;
        }

        if (lexer.Peek('='))
        {
            lexer.Advance();
            return MatchOperator.Equal;
        }

        throw lexer.Error(lexer.Position, "expected '=', '!=', '=~' or '!~', found " + lexer.Describe(lexer.Position));
    }

    private static LabelMatcher CreateMatcher(SelectorLexer lexer, string label, MatchOperator op, string value, int valueStart)
    {
        try
        {
            return new LabelMatcher(label, op, value);
        }
        catch (ArgumentException e)
        {
            throw lexer.Error(valueStart, "invalid regular expression: " + (LabelMatcher.RegexProblem(value) ?? e.Message), e);
        }
    }

    private static bool HasNonEmptyMatcher(ReadOnlySpan<LabelMatcher> matchers)
    {
        foreach (var matcher in matchers)
        {
            if (!matcher.MatchesEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static LabelSet BuildAbsentLabels(LabelMatcher[] matchers)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var matcher in matchers)
        {
            if (matcher.Name == MetricNames.NameLabel)
            {
                continue;
            }

            if (matcher.Operator == MatchOperator.Equal && !labels.ContainsKey(matcher.Name))
            {
                labels[matcher.Name] = matcher.Value;
            }
            else
            {
                dropped.Add(matcher.Name);
            }
        }

        foreach (var name in dropped)
        {
            labels.Remove(name);
        }

        return LabelSet.Create(labels);
    }

    private string Format()
    {
        var text = new StringBuilder();
        var rest = _matchers.AsSpan();
        if (rest.Length > 0 && rest[0].Name == MetricNames.NameLabel && rest[0].Operator == MatchOperator.Equal &&
            MetricNames.IsValidMetricName(rest[0].Value))
        {
            text.Append(rest[0].Value);
            rest = rest[1..];
            if (rest.IsEmpty)
            {
                return text.ToString();
            }
        }

        text.Append('{');
        for (var i = 0; i < rest.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            rest[i].AppendTo(text);
        }

        return text.Append('}').ToString();
    }
}
