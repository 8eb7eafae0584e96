using AlphaTrade.RxMonitor.Cli.Replay;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

public sealed class ReplayFromTests
{
    private static readonly DateTimeOffset LastSample = new(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryParse_Relative_IsBeforeTheLastSample()
    {
        Assert.True(ReplayFrom.TryParse("-1h30m", out var from, out _));

        Assert.Equal(LastSample.AddMinutes(-90), from.Resolve(LastSample));
    }

    [Theory]
    [InlineData("2026-01-01T00:10:00Z")]
    [InlineData("2026-01-01T01:10:00+01:00")]
    [InlineData("2026-01-01T00:10:00.000Z")]
    public void TryParse_Rfc3339_IsThatTime(string text)
    {
        Assert.True(ReplayFrom.TryParse(text, out var from, out _));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 10, 0, TimeSpan.Zero), from.Resolve(LastSample));
    }

    [Theory]
    [InlineData("2026-01-01T00:10:00", "is neither an RFC 3339 time")]
    [InlineData("-soon", "'-soon'")]
    public void TryParse_Invalid_NamesTheOptionAndTheText(string text, string expected)
    {
        Assert.False(ReplayFrom.TryParse(text, out _, out var error));

        Assert.StartsWith("--from: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
