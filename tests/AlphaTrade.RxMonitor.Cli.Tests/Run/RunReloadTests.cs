using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

/// <summary><c>rxmon run</c> re-reads its configuration file when it is edited and on SIGHUP, as a real process.</summary>
public sealed class RunReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Two rules that fire on the first CPU sample (CPU is always below 1000 %).
    private static string Config(double steady, double tuned, string extra = "") => $$"""
        {
          "RxMonitor": {
            "DefaultRules": false,
            "Rules": [
              { "name": "Steady", "series": "system_cpu_usage_percent{cpu=\"total\"}", "threshold": { "below": {{steady}} } },
              { "name": "Tuned", "series": "system_cpu_usage_percent{cpu=\"total\"}", "threshold": { "below": {{tuned}} } }
            ]{{extra}}
          }
        }
        """;

    // The rule transitions rxmon logs at once (the notifications, after the route's group wait, carry no value).
    private const string SteadyFiring = "Alert Steady firing (warning) value";
    private const string TuneFiring = "Alert Tuned firing (warning) value";

    private static int Count(RunningRxmon rxmon, string text) => rxmon.StdOut.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    private static async Task WaitForCountAsync(RunningRxmon rxmon, string text, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (Count(rxmon, text) < count)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<RunningRxmon> StartFiringAsync(TempDirectory dir)
    {
        await File.WriteAllTextAsync(dir.File("appsettings.json"), Config(1000, 1000));
        var rxmon = RunningRxmon.Start(dir.Path, "run", "--config", "appsettings.json");
        await rxmon.WaitForLineAsync(SteadyFiring, Patience);
        await rxmon.WaitForLineAsync(TuneFiring, Patience);
        return rxmon;
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Run_ConfigFileEdited_RestartsTheChangedRuleAndKeepsTheUnchangedOneFiring()
    {
        using var dir = new TempDirectory();
        await using var rxmon = await StartFiringAsync(dir);

        await File.WriteAllTextAsync(dir.File("appsettings.json"), Config(1000, 2000));

        var reloaded = await rxmon.WaitForLineAsync("Configuration reloaded (file changed)", Patience);
        Assert.Contains("1 kept with their alert state; changed and restarted 1 (Tuned)", reloaded, StringComparison.Ordinal);
        await rxmon.WaitForLineAsync("Alert Tuned resolved (warning) value", Patience);
        await WaitForCountAsync(rxmon, TuneFiring, 2);
        Assert.Equal(0, await rxmon.TerminateAsync());
        Assert.DoesNotContain("Alert Steady resolved", rxmon.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, Count(rxmon, SteadyFiring));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Run_Sighup_ReloadsAndKeepsRunning_ABrokenEditIsRefusedWithItsProblems()
    {
        using var dir = new TempDirectory();
        await using var rxmon = await StartFiringAsync(dir);

        await rxmon.SendAsync("HUP");
        await rxmon.WaitForLineAsync("Configuration reloaded (SIGHUP): 2 rules, none changed.", Patience);
        await File.WriteAllTextAsync(dir.File("appsettings.json"), Config(1000, 1000, ", \"Rulez\": 1, \"Http\": { \"Port\": 9999 }"));
        var refused = await rxmon.WaitForLineAsync("Configuration reload (file changed) refused", Patience);

        Assert.Contains("the running configuration is kept", refused, StringComparison.Ordinal);
        await rxmon.WaitForLineAsync("unknown key RxMonitor:Rulez", Patience);
        Assert.Equal(0, await rxmon.TerminateAsync());
        Assert.DoesNotContain("resolved", rxmon.StdOut, StringComparison.Ordinal);
        Assert.Contains("rxmon stopping (SIGTERM)", rxmon.StdOut, StringComparison.Ordinal);
    }
}
