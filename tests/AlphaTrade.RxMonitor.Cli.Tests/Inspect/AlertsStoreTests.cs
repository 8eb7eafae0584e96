using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Inspect;

/// <summary><c>rxmon alerts</c> finds the store <c>rxmon run</c> used: <c>--db</c>, the configuration, the environment.</summary>
[Trait("Category", "Integration")]
public sealed class AlertsStoreTests
{
    private const string FiringRule = """
        {"RxMonitor": {"DefaultRules": false, "Sqlite": {"Path": "configured.db"}, "Rules": [{"name": "Fired", "series": "system_memory_usage_percent", "threshold": {"above": 0}}]}}
        """;

    [Fact]
    public async Task Alerts_WithConfig_ReadsTheConfiguredStore()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), FiringRule);
        var run = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "3s");
        Assert.True(run.ExitCode == 0, run.StdErr);

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "alerts", "--config", "appsettings.json", "--json");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal("Fired", Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray()).GetProperty("alert").GetProperty("rxmonitor").GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Alerts_StorePathFromTheEnvironment_IsTheOneLookedFor()
    {
        using var dir = new TempDirectory();

        var (exitCode, _, stderr) = await RxmonProcess.RunWithEnvironmentAsync(
            dir.Path, new Dictionary<string, string> { ["RXMONITOR__SQLITE__PATH"] = "elsewhere.db" }, "alerts");

        Assert.Equal(1, exitCode);
        Assert.Equal($"rxmon alerts: no store at {dir.File("elsewhere.db")} (run 'rxmon run' first, or pass --db PATH).\n", stderr);
    }

    [Fact]
    public async Task Alerts_DbIsADirectory_SaysSoAndExitsTwo()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("store"));

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "alerts", "--db", "store");

        Assert.Equal(2, exitCode);
        Assert.Equal("rxmon alerts: invalid configuration (1 problem):\n  --db: 'store' is a directory, not a store file\n", stderr);
    }

    [Fact]
    public async Task Run_DbIsADirectory_SaysSoAndExitsTwo()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("store"));

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--db", "store", "--duration", "1s");

        Assert.Equal(2, exitCode);
        Assert.Equal("rxmon run: invalid configuration (1 problem):\n  --db: 'store' is a directory, not a store file\n", stderr);
    }
}
