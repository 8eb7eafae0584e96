namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>Parses series literals, <c>name{label="value",…}</c>, for <see cref="SeriesKey.Parse(string)"/>.</summary>
internal static class SeriesKeyParser
{
    private const string Kind = "series";

    public static SeriesKey Parse(string text)
    {
        var lexer = new SelectorLexer(text, Kind);
        lexer.SkipWhitespace();
        var name = lexer.ReadName(allowColon: true) ??
            throw lexer.Error(lexer.Position, "expected a metric name, found " + lexer.Describe(lexer.Position));
        lexer.SkipWhitespace();
        var labels = new List<Label>();
        var braces = lexer.Peek('{');
        if (braces)
        {
            lexer.Advance();
            ReadLabels(lexer, labels);
            lexer.SkipWhitespace();
        }

        if (!lexer.AtEnd)
        {
            var expected = !braces ? "expected '{' or the end of the series" : "expected the end of the series";
            throw lexer.Error(lexer.Position, expected + ", found " + lexer.Describe(lexer.Position));
        }

        return SeriesKey.Create(name, LabelSet.Create([.. labels]));
    }

    private static void ReadLabels(SelectorLexer lexer, List<Label> labels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            lexer.SkipWhitespace();
            if (lexer.Peek('}'))
            {
                lexer.Advance();
                return;
            }

            var nameStart = lexer.Position;
            var name = lexer.ReadName(allowColon: false) ??
                throw lexer.Error(lexer.Position, "expected a label name or '}', found " + lexer.Describe(lexer.Position));
            if (name == MetricNames.NameLabel)
            {
                throw lexer.Error(nameStart, "__name__ cannot be a label of a series; write the metric name before '{'");
            }

            if (!seen.Add(name))
            {
                throw lexer.Error(nameStart, $"label '{name}' appears more than once");
            }

            lexer.SkipWhitespace();
            if (!lexer.Peek('=') || lexer.Peek('=', '~'))
            {
                throw lexer.Error(lexer.Position, "expected '=' (a series has label values, not matchers), found " + lexer.Describe(lexer.Position));
            }

            lexer.Advance();
            lexer.SkipWhitespace();
            labels.Add(new Label(name, lexer.ReadString(promql: false)));
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
}
