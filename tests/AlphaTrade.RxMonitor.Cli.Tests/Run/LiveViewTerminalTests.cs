using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

/// <summary>The live view of <c>rxmon run</c> in a real terminal (tmux) at 80×24 and 160×50, read back with <c>capture-pane</c>.</summary>
[Trait("Category", "Integration")]
public sealed class LiveViewTerminalTests
{
    private const int AlertCount = 12;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task LiveView_80x24_KeepsHeaderHealthAndAlertsOnScreen()
    {
        using var dir = await ConfigWithFiringAlertsAsync();
        using var tmux = await TmuxSession.StartAsync(dir.Path, 80, 24, Rxmon("run"));

        var screen = await tmux.WaitForAsync($"ALERTS  {AlertCount} active", Timeout);

        Assert.StartsWith("rxmon run  ", screen[0], StringComparison.Ordinal);
        Assert.Contains(screen, static l => l.StartsWith("HEALTH  ", StringComparison.Ordinal));
        Assert.Contains(screen, static l => l.StartsWith("  … and ", StringComparison.Ordinal) && l.EndsWith(" more (rxmon alerts, or /alerts)", StringComparison.Ordinal));
        Assert.Contains(screen, static l => l.StartsWith("  Memory ", StringComparison.Ordinal) && l.Contains(" %  ", StringComparison.Ordinal));
        Assert.True(screen.Length <= 24, string.Join('\n', screen));
        Assert.All(screen, static l => Assert.True(l.Length <= 80, l));
    }

    [Fact]
    public async Task LiveView_160x50_ShowsEveryAlertTheSeriesAndTheLog()
    {
        using var dir = await ConfigWithFiringAlertsAsync();
        using var tmux = await TmuxSession.StartAsync(dir.Path, 160, 50, Rxmon("run"));

        var screen = await tmux.WaitForAsync($"ALERTS  {AlertCount} active", Timeout);

        Assert.StartsWith("rxmon run  ", screen[0], StringComparison.Ordinal);
        Assert.Equal(AlertCount, screen.Count(static l => l.Contains(" Memory", StringComparison.Ordinal) && l.Contains(" since ", StringComparison.Ordinal)));
        Assert.DoesNotContain(screen, static l => l.StartsWith("  … and ", StringComparison.Ordinal));
        Assert.Contains("KEY SERIES", screen);
        Assert.Contains("LOG", screen);
        Assert.Contains(screen, static l => l.Contains(" WRN Alert Memory", StringComparison.Ordinal) && l.EndsWith(" alertname=Memory" + l[^2..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiveView_CtrlC_SaysRxmonStoppedBelowTheLastFrame()
    {
        using var dir = await ConfigWithFiringAlertsAsync();
        using var tmux = await TmuxSession.StartAsync(dir.Path, 80, 24, Rxmon("run"));
        await tmux.WaitForAsync("KEY SERIES", Timeout);

        await tmux.SendKeysAsync("C-c");
        var screen = await tmux.WaitForAsync("EXIT=", Timeout);

        Assert.Contains("EXIT=0", screen);
        Assert.Contains(screen, static l => l.Contains("INF rxmon stopping (Ctrl+C)", StringComparison.Ordinal));
        Assert.Contains(screen, static l => l.Contains("INF rxmon stopped: ", StringComparison.Ordinal));
    }

    private static string Rxmon(string arguments) => $"dotnet {Path.Combine(AppContext.BaseDirectory, "rxmon.dll")} {arguments} --config appsettings.json";

    private static async Task<TempDirectory> ConfigWithFiringAlertsAsync()
    {
        var dir = new TempDirectory();
        var rules = string.Join(",", Enumerable.Range(1, AlertCount).Select(static i =>
            $$$"""{"name": "Memory{{{i:00}}}", "series": "system_memory_usage_percent", "severity": "warning", "threshold": {"above": 0}}"""));
        await File.WriteAllTextAsync(dir.File("appsettings.json"), $$$"""{"RxMonitor": {"DefaultRules": false, "Rules": [{{{rules}}}]}}""");
        return dir;
    }
}
