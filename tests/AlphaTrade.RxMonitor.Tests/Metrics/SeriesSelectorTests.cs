using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class SeriesSelectorTests
{
    private static readonly SeriesKey ApiOnA = SeriesKey.Create(
        "http_requests_total", new Label("job", "api"), new Label("instance", "a"), new Label("code", "500"));

    [Fact]
    public void Parse_BareName_MatchesThatNameOnly()
    {
        var selector = SeriesSelector.Parse("http_requests_total");

        Assert.Equal("http_requests_total", selector.MetricName);
        Assert.True(selector.Matches(ApiOnA));
        Assert.False(selector.Matches(SeriesKey.Create("up")));
    }

    [Fact]
    public void Parse_NameWithMatchers_ReadsAllFourOperators()
    {
        var selector = SeriesSelector.Parse("cpu{a=\"x\",b!=\"y\",c=~\"r.*\",d!~\"s.*\"}");

        Assert.Equal(
            [
                new LabelMatcher(MetricNames.NameLabel, MatchOperator.Equal, "cpu"),
                new LabelMatcher("a", MatchOperator.Equal, "x"),
                new LabelMatcher("b", MatchOperator.NotEqual, "y"),
                new LabelMatcher("c", MatchOperator.RegexMatch, "r.*"),
                new LabelMatcher("d", MatchOperator.RegexNotMatch, "s.*"),
            ],
            selector.Matchers);
    }

    [Fact]
    public void Parse_NameLabelMatcher_SetsMetricName()
    {
        var selector = SeriesSelector.Parse("{__name__=\"http_requests_total\",job=\"api\"}");

        Assert.Equal("http_requests_total", selector.MetricName);
        Assert.True(selector.Matches(ApiOnA));
    }

    [Fact]
    public void Parse_WhitespaceAndTrailingComma_Accepted()
    {
        var selector = SeriesSelector.Parse("  http_requests_total { job = \"api\" , code =~ \"5..\" , }  ");

        Assert.True(selector.Matches(ApiOnA));
        Assert.Equal("http_requests_total{job=\"api\",code=~\"5..\"}", selector.ToString());
    }

    [Fact]
    public void Parse_EmptyBracesAfterName_SameAsBareName()
    {
        Assert.Equal(SeriesSelector.Parse("up"), SeriesSelector.Parse("up{}"));
    }

    [Fact]
    public void Parse_SingleQuotesAndBackticks_ReadValues()
    {
        var selector = SeriesSelector.Parse("x{a='it\\'s',b=`c:\\dir`}");

        Assert.Equal("it's", selector.Matchers[1].Value);
        Assert.Equal("c:\\dir", selector.Matchers[2].Value);
    }

    [Fact]
    public void Parse_GoEscapes_Decoded()
    {
        var selector = SeriesSelector.Parse("x{a=\"q\\\"\\\\\\n\\t\\u00e9\\x41\\101\"}");

        Assert.Equal("q\"\\\n\té" + "AA", selector.Matchers[1].Value);
    }

    [Fact]
    public void Matches_EveryMatcherMustHold()
    {
        var selector = SeriesSelector.Parse("http_requests_total{job=\"api\",code!~\"5..\"}");

        Assert.False(selector.Matches(ApiOnA));
    }

    [Fact]
    public void Matches_MatcherOnMissingLabel_SeesEmptyString()
    {
        Assert.True(SeriesSelector.Parse("http_requests_total{zone=\"\"}").Matches(ApiOnA));
        Assert.False(SeriesSelector.Parse("http_requests_total{zone!=\"\"}").Matches(ApiOnA));
        Assert.True(SeriesSelector.Parse("http_requests_total{zone=~\"eu|\"}").Matches(ApiOnA));
    }

    [Fact]
    public void Matches_RegexIsFullyAnchored()
    {
        Assert.False(SeriesSelector.Parse("http_requests_total{job=~\"ap\"}").Matches(ApiOnA));
        Assert.True(SeriesSelector.Parse("http_requests_total{job=~\"ap.\"}").Matches(ApiOnA));
    }

    [Fact]
    public void Matches_SteadyState_DoesNotAllocate()
    {
        var selector = SeriesSelector.Parse("http_requests_total{job=\"api\",instance!=\"b\",code=~\"5..\",zone!~\"eu.*\"}");
        Assert.True(selector.Matches(ApiOnA));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 1000; i++)
        {
            matched += selector.Matches(ApiOnA) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, matched);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void EqualityMatchers_ListsOnlyEqualMatchers()
    {
        var selector = SeriesSelector.Parse("up{job=\"api\",instance=~\"a.*\",zone=\"eu\"}");

        Assert.Equal(["__name__", "job", "zone"], selector.EqualityMatchers.Select(m => m.Name));
    }

    [Fact]
    public void AbsentLabels_FollowPrometheusAbsent()
    {
        // absent(nonexistent{job="a",instance=~"x.*",zone="eu",zone="us",dc=""}) is {job="a"} in Prometheus.
        var selector = SeriesSelector.Parse("nonexistent{job=\"a\",instance=~\"x.*\",zone=\"eu\",zone=\"us\",dc=\"\"}");

        Assert.Equal(LabelSet.Create(new Label("job", "a")), selector.AbsentLabels);
    }

    [Fact]
    public void AbsentLabels_LabelWithEqualAndOtherMatcher_Dropped()
    {
        var selector = SeriesSelector.Parse("x{job=\"a\",job!=\"b\",env=\"prod\"}");

        Assert.Equal(LabelSet.Create(new Label("env", "prod")), selector.AbsentLabels);
    }

    [Fact]
    public void ToString_OnlyMatchers_UsesBraces()
    {
        Assert.Equal("{job=\"api\"}", SeriesSelector.Parse("{ job = 'api' }").ToString());
    }

    [Fact]
    public void ToString_RoundTrips()
    {
        var selector = SeriesSelector.Parse("cpu{a=\"x\\\"y\",b!=\"\",c=~\"r|s\",d!~\"t\\\\d\"}");

        Assert.Equal(selector, SeriesSelector.Parse(selector.ToString()));
    }

    [Theory]
    [InlineData("", 1, "expected a metric name or '{', found end of input")]
    [InlineData("1up", 1, "expected a metric name or '{', found '1'")]
    [InlineData("up job", 4, "expected '{' or the end of the selector, found 'j'")]
    [InlineData("up{job}", 7, "expected '=', '!=', '=~' or '!~', found '}'")]
    [InlineData("up{job==\"a\"}", 8, "expected a quoted label value, found '='")]
    [InlineData("up{job=}", 8, "expected a quoted label value, found '}'")]
    [InlineData("up{job=\"a\"", 11, "expected ',' or '}', found end of input")]
    [InlineData("up{job=\"a\" env=\"b\"}", 12, "expected ',' or '}', found 'e'")]
    [InlineData("up{job=\"a}", 8, "unterminated string (missing closing \")")]
    [InlineData("up{,}", 4, "expected a label name or '}', found ','")]
    [InlineData("up{1a=\"x\"}", 4, "expected a label name or '}', found '1'")]
    [InlineData("up{a=\"x\\q\"}", 8, "unknown escape sequence '\\q'")]
    [InlineData("up{a=\"x\"} x", 11, "expected the end of the selector, found 'x'")]
    public void Parse_SyntaxError_ReportsColumnAndExpectation(string text, int column, string reason)
    {
        var error = Assert.Throws<SelectorParseException>(() => SeriesSelector.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"Invalid series selector '{text}' at column {column}: {reason}.", error.Message);
    }

    [Fact]
    public void Parse_InvalidRegex_ReportsColumnOfTheValue()
    {
        var error = Assert.Throws<SelectorParseException>(() => SeriesSelector.Parse("up{job=~\"(api\"}"));

        Assert.Equal(9, error.Column);
        Assert.StartsWith("invalid regular expression", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameTwice_Rejected()
    {
        var error = Assert.Throws<SelectorParseException>(() => SeriesSelector.Parse("up{__name__=\"down\"}"));

        Assert.Equal(4, error.Column);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{job=\"\"}")]
    [InlineData("{job=~\".*\"}")]
    [InlineData("{job!=\"x\"}")]
    public void Parse_NoMatcherExcludingEmpty_Rejected(string text)
    {
        var error = Assert.Throws<SelectorParseException>(() => SeriesSelector.Parse(text));

        Assert.Equal(1, error.Column);
        Assert.Contains("at least one matcher that does not match the empty string", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithError()
    {
        var ok = SeriesSelector.TryParse("up{", out var selector, out var error);

        Assert.False(ok);
        Assert.Null(selector);
        Assert.Equal(4, error!.Column);
    }

    [Fact]
    public void TryParse_Valid_ReturnsSelector()
    {
        Assert.True(SeriesSelector.TryParse("up{job=\"api\"}", out var selector, out var error));
        Assert.Null(error);
        Assert.Equal("up", selector.MetricName);
    }

    [Fact]
    public void Create_FromMatchers_MatchesLikeParsed()
    {
        var selector = SeriesSelector.Create(new LabelMatcher("job", MatchOperator.Equal, "api"));

        Assert.True(selector.Matches(ApiOnA));
        Assert.Null(selector.MetricName);
    }
}
