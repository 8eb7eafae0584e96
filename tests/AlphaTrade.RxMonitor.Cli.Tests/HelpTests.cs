using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests;

[Trait("Category", "Integration")]
public sealed class HelpTests
{
    [Fact]
    public async Task Help_ExitsZeroAndDescribesRxmon()
    {
        var (exitCode, stdout, _) = await RxmonProcess.RunAsync(AppContext.BaseDirectory, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("rxmon - reactive monitoring and alerting", stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }
}
