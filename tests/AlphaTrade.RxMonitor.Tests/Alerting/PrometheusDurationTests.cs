using AlphaTrade.RxMonitor.Alerting;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class PrometheusDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    public void TryParse_ValidText_ReturnsDuration(string text, long milliseconds)
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
    public void TryParse_InvalidText_Fails(string text) => Assert.False(PrometheusDuration.TryParse(text, out _));

    [Fact]
    public void Format_Duration_UsesLargestUnitsFirst() =>
        Assert.Equal("1h30m15s", PrometheusDuration.Format(new TimeSpan(1, 30, 15)));
}
