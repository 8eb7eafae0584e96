using AlphaTrade.RxMonitor.Cli.Replay;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

public sealed class ReplayUntilTests
{
    private static readonly DateTimeOffset LastSample = new(2026, 1, 1, 0, 4, 0, TimeSpan.Zero);

    [Fact]
    public void TryParse_Relative_IsAfterTheLastSample()
    {
        Assert.True(ReplayUntil.TryParse("+1h30m", out var until, out _));

        Assert.Equal(LastSample.AddMinutes(90), until.Resolve(LastSample));
    }

    [Theory]
    [InlineData("2026-01-01T00:10:00Z")]
    [InlineData("2026-01-01T01:10:00+01:00")]
    public void TryParse_Rfc3339_IsThatTime(string text)
    {
        Assert.True(ReplayUntil.TryParse(text, out var until, out _));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 10, 0, TimeSpan.Zero), until.Resolve(LastSample));
    }

    [Fact]
    public void LastSample_IsTheDefault()
    {
        Assert.Equal(LastSample, ReplayUntil.LastSample.Resolve(LastSample));
    }

    [Theory]
    [InlineData("+10 minutes", "--until: expected a duration (30s, 1m30s or 00:01:30), found '10 minutes'")]
    [InlineData("10m", "--until: '10m' is neither an RFC 3339 time")]
    [InlineData("2026-01-01 00:10", "--until: '2026-01-01 00:10' is neither an RFC 3339 time")]
    public void TryParse_Invalid_ExplainsWhy(string text, string error)
    {
        Assert.False(ReplayUntil.TryParse(text, out _, out var message));

        Assert.StartsWith(error, message, StringComparison.Ordinal);
    }
}
