using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Tests.Time;

public sealed class PrometheusDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("90s", 90_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s250ms", 90_250)]
    public void TryParse_ValidDuration_ReturnsItsLength(string text, long milliseconds)
    {
        Assert.True(PrometheusDuration.TryParse(text, out var duration, out var error));
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("", "a duration is required")]
    [InlineData("90", "the number 90 has no unit")]
    [InlineData("1.5m", "unexpected '.' at position 2")]
    [InlineData("-1m", "expected a number at position 1")]
    [InlineData("5x", "unknown unit 'x'")]
    [InlineData("5M", "unknown unit 'M'")]
    [InlineData("30s1m", "unit 'm' is repeated or out of order")]
    [InlineData("1m1m", "unit 'm' is repeated or out of order")]
    [InlineData("1 m", "unexpected ' ' at position 2")]
    [InlineData("99999999999999999999y", "the duration is too long")]
    public void TryParse_InvalidDuration_ExplainsWhy(string text, string reason)
    {
        Assert.False(PrometheusDuration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidDuration_ThrowsFormatExceptionNamingTheText()
    {
        var e = Assert.Throws<FormatException>(() => PrometheusDuration.Parse("2 minutes"));

        Assert.StartsWith("'2 minutes' is not a valid duration", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(86_400_250, "1d250ms")]
    public void Format_Duration_WritesPrometheusSyntax(long milliseconds, string text)
    {
        Assert.Equal(text, PrometheusDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    public void TryParseWithoutReason_ValidText_ReturnsDuration(string text, long milliseconds)
    {
        Assert.True(PrometheusDuration.TryParse(text, out var duration));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("30m1h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    public void TryParseWithoutReason_InvalidText_Fails(string text) => Assert.False(PrometheusDuration.TryParse(text, out _));

    [Fact]
    public void Format_Duration_UsesLargestUnitsFirst() =>
        Assert.Equal("1h30m15s", PrometheusDuration.Format(new TimeSpan(1, 30, 15)));
}
