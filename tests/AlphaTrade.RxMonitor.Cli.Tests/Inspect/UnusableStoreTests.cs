using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Inspect;

/// <summary><c>rxmon alerts --db</c> and <c>rxmon run --db</c> on files that are not usable stores: one clear message, exit 1, file untouched.</summary>
[Trait("Category", "Integration")]
public sealed class UnusableStoreTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("header-only")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public async Task Alerts_UnusableStoreFile_NamesTheFileExitsOneAndLeavesItUntouched(string kind)
    {
        using var dir = new TempDirectory();
        var path = UnusableStoreFiles.Create(dir, kind);
        var before = await File.ReadAllBytesAsync(path);

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "alerts", "--db", path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"'{path}'", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("header-only")]
    [InlineData("truncated")]
    public async Task Run_UnusableStoreFile_NamesTheFileExitsOneAndLeavesItUntouched(string kind)
    {
        using var dir = new TempDirectory();
        var path = UnusableStoreFiles.Create(dir, kind);
        var before = await File.ReadAllBytesAsync(path);

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--db", path, "--duration", "30s");

        Assert.Equal(1, exitCode);
        Assert.Contains($"Cannot use the store: '{path}'", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("rxmon started", stdout, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }
}
