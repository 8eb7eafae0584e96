using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class LabelMatcherTests
{
    [Theory]
    [InlineData(MatchOperator.Equal, "api", "api", true)]
    [InlineData(MatchOperator.Equal, "api", "web", false)]
    [InlineData(MatchOperator.NotEqual, "api", "web", true)]
    [InlineData(MatchOperator.NotEqual, "api", "api", false)]
    [InlineData(MatchOperator.RegexMatch, "a.*", "abc", true)]
    [InlineData(MatchOperator.RegexMatch, "b", "abc", false)]
    [InlineData(MatchOperator.RegexNotMatch, "b", "abc", true)]
    [InlineData(MatchOperator.RegexNotMatch, "a.*", "abc", false)]
    public void Matches_Operator_ComparesAsPrometheus(MatchOperator op, string matcherValue, string labelValue, bool expected)
    {
        var matcher = new LabelMatcher("job", op, matcherValue);

        Assert.Equal(expected, matcher.Matches(labelValue));
    }

    [Theory]
    [InlineData("ab", "abc")]
    [InlineData("bc", "abc")]
    [InlineData("api|web", "api2")]
    [InlineData("api|web", "xweb")]
    public void Matches_RegexMatchesOnlyPartOfValue_IsFalseBecauseAnchored(string regex, string value)
    {
        Assert.False(new LabelMatcher("job", MatchOperator.RegexMatch, regex).Matches(value));
    }

    [Fact]
    public void Matches_RegexBeforeTrailingNewline_IsFalse()
    {
        // .NET's $ would match before a final \n; Prometheus' anchors do not.
        Assert.False(new LabelMatcher("job", MatchOperator.RegexMatch, "api").Matches("api\n"));
    }

    [Fact]
    public void Matches_DotAgainstNewline_IsFalseAsInPrometheus2()
    {
        Assert.False(new LabelMatcher("job", MatchOperator.RegexMatch, "a.b").Matches("a\nb"));
    }

    [Theory]
    [InlineData(MatchOperator.Equal, "", true)]
    [InlineData(MatchOperator.Equal, "x", false)]
    [InlineData(MatchOperator.NotEqual, "", false)]
    [InlineData(MatchOperator.NotEqual, "x", true)]
    [InlineData(MatchOperator.RegexMatch, ".*", true)]
    [InlineData(MatchOperator.RegexMatch, ".+", false)]
    [InlineData(MatchOperator.RegexNotMatch, ".+", true)]
    [InlineData(MatchOperator.RegexNotMatch, "", false)]
    public void Matches_MissingLabel_SeesEmptyString(MatchOperator op, string matcherValue, bool expected)
    {
        var series = SeriesKey.Create("up", new Label("job", "api"));
        var matcher = new LabelMatcher("instance", op, matcherValue);

        Assert.Equal(expected, matcher.Matches(series));
        Assert.Equal(expected, matcher.MatchesEmpty);
    }

    [Fact]
    public void Matches_NameLabel_ComparesMetricName()
    {
        var matcher = new LabelMatcher(MetricNames.NameLabel, MatchOperator.RegexMatch, "cpu_.*");

        Assert.True(matcher.Matches(SeriesKey.Create("cpu_usage")));
        Assert.False(matcher.Matches(SeriesKey.Create("mem_usage")));
    }

    [Fact]
    public void Constructor_InvalidRegex_ThrowsNamingTheRegex()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelMatcher("job", MatchOperator.RegexMatch, "(api"));

        Assert.Contains("'(api' is not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidRegex_SaysWhatIsWrongWithTheTextAsWritten()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelMatcher("job", MatchOperator.RegexMatch, "["));

        Assert.Equal("'[' is not a valid regular expression: unterminated bracket at character 1.", error.Message);
    }

    [Fact]
    public void Constructor_RegexThatWouldBreakOutOfItsAnchors_IsRefused()
    {
        // Inside \A(?:…)\z this would compile as "starts with x, or ends with y" and match "xzz".
        Assert.Throws<ArgumentException>(() => new LabelMatcher("job", MatchOperator.RegexMatch, "x)|(y"));
    }

    [Fact]
    public void TryParse_InvalidRegex_ErrorWithoutTheParameterName()
    {
        Assert.False(LabelMatcher.TryParse("job=~\"[\"", out _, out var error));

        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BackReference_ThrowsBecauseRe2HasNone()
    {
        Assert.Throws<ArgumentException>(() => new LabelMatcher("job", MatchOperator.RegexMatch, @"(a)\1"));
    }

    [Fact]
    public void Constructor_InvalidLabelName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabelMatcher("1job", MatchOperator.Equal, "x"));
    }

    [Fact]
    public void ToString_EscapesValue()
    {
        var matcher = new LabelMatcher("path", MatchOperator.NotEqual, "a\"b\\c\nd");

        Assert.Equal("path!=\"a\\\"b\\\\c\\nd\"", matcher.ToString());
    }
}
