using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class SeriesKeyParseTests
{
    [Fact]
    public void Parse_BareName_HasNoLabels()
    {
        var key = SeriesKey.Parse("up");

        Assert.Equal("up", key.Name);
        Assert.Empty(key.Labels);
    }

    [Fact]
    public void Parse_Labels_EqualToCreated()
    {
        var key = SeriesKey.Parse("cpu_usage{instance=\"a\",cpu=\"total\"}");

        Assert.Equal(SeriesKey.Create("cpu_usage", new Label("cpu", "total"), new Label("instance", "a")), key);
    }

    [Fact]
    public void Parse_Escapes_Decoded()
    {
        var key = SeriesKey.Parse("x{path=\"a\\\\b\\\"c\\nd\"}");

        Assert.Equal("a\\b\"c\nd", key.GetLabel("path"));
    }

    [Fact]
    public void Parse_ToStringOutput_RoundTrips()
    {
        var key = SeriesKey.Create("x", new Label("path", "a\\b\"c\nd"), new Label("zone", "eu"));

        Assert.Equal(key, SeriesKey.Parse(key.ToString()));
    }

    [Fact]
    public void Parse_WhitespaceTrailingCommaAndEmptyBraces_Accepted()
    {
        Assert.Equal(SeriesKey.Create("x", new Label("a", "1")), SeriesKey.Parse(" x { a = \"1\" , } "));
        Assert.Equal(SeriesKey.Create("x"), SeriesKey.Parse("x{}"));
    }

    [Theory]
    [InlineData("", 1, "expected a metric name, found end of input")]
    [InlineData("x{a!=\"1\"}", 4, "expected '=' (a series has label values, not matchers), found '!'")]
    [InlineData("x{a=~\"1\"}", 4, "expected '=' (a series has label values, not matchers), found '='")]
    [InlineData("x{a='1'}", 5, "expected a quoted label value, found '''")]
    [InlineData("x{a=\"\\t\"}", 6, "unknown escape sequence '\\t' (a series literal allows \\\\, \\\" and \\n)")]
    [InlineData("x{a=\"1\",a=\"2\"}", 9, "label 'a' appears more than once")]
    [InlineData("x{__name__=\"y\"}", 3, "__name__ cannot be a label of a series; write the metric name before '{'")]
    [InlineData("x y", 3, "expected '{' or the end of the series, found 'y'")]
    [InlineData("x{a=\"1\"", 8, "expected ',' or '}', found end of input")]
    public void Parse_Invalid_ReportsColumnAndExpectation(string text, int column, string reason)
    {
        var error = Assert.Throws<SelectorParseException>(() => SeriesKey.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"Invalid series '{text}' at column {column}: {reason}.", error.Message);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithError()
    {
        Assert.False(SeriesKey.TryParse("x{", out var key, out var error));
        Assert.Null(key);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public void TryParse_Valid_ReturnsKey()
    {
        Assert.True(SeriesKey.TryParse("x{a=\"1\"}", out var key));
        Assert.Equal("1", key.GetLabel("a"));
    }
}
