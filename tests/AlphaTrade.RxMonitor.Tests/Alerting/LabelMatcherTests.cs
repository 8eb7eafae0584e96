using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class LabelMatcherTests
{
    private static readonly LabelSet Labels = LabelSet.Create(new Label("instance", "db-1"), new Label("job", "api"));

    [Theory]
    [InlineData("instance=db-1", MatchOperator.Equal, "db-1")]
    [InlineData("instance = \"db-1\"", MatchOperator.Equal, "db-1")]
    [InlineData("instance!=\"db-2\"", MatchOperator.NotEqual, "db-2")]
    [InlineData("instance=~\"db-.*\"", MatchOperator.RegexMatch, "db-.*")]
    [InlineData("instance !~ web.*", MatchOperator.RegexNotMatch, "web.*")]
    [InlineData("summary=\"a \\\"quoted\\\" value\"", MatchOperator.Equal, "a \"quoted\" value")]
    public void Parse_AlertmanagerNotation_ReadsNameTypeAndValue(string text, MatchOperator type, string value)
    {
        var matcher = LabelMatcher.Parse(text);

        Assert.Equal(type, matcher.Operator);
        Assert.Equal(value, matcher.Value);
    }

    [Theory]
    [InlineData("=~\"x\"", "names no label")]
    [InlineData("instance", "no operator")]
    [InlineData("instance=\"db", "unterminated")]
    [InlineData("instance=~\"[\"", "not a valid regular expression")]
    [InlineData("1abc=x", "not start with a valid label name")]
    [InlineData("inst-ance=x", "no operator")]
    public void TryParse_BadText_ExplainsWhy(string text, string why)
    {
        Assert.False(LabelMatcher.TryParse(text, out _, out var error));

        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_Regex_IsFullyAnchored()
    {
        Assert.False(LabelMatcher.Regex("instance", "db").Matches(Labels));
        Assert.True(LabelMatcher.Regex("instance", "db.*").Matches(Labels));
    }

    [Fact]
    public void Matches_AbsentLabel_CountsAsEmpty()
    {
        Assert.True(LabelMatcher.Equal("team", string.Empty).Matches(Labels));
        Assert.False(LabelMatcher.NotEqual("team", string.Empty).Matches(Labels));
        Assert.True(LabelMatcher.NotRegex("team", ".+").Matches(Labels));
    }

    [Fact]
    public void ToString_RoundTripsThroughParse()
    {
        var matcher = LabelMatcher.NotRegex("job", "a|\"b\"");

        Assert.Equal(matcher, LabelMatcher.Parse(matcher.ToString()));
    }
}
