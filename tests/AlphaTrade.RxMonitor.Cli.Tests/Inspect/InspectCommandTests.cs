using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Inspect;

/// <summary><c>rxmon health</c>, <c>metrics</c>, <c>alerts</c> and <c>check</c> end to end, as processes.</summary>
[Trait("Category", "Integration")]
public sealed class InspectCommandTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("health")]
    [InlineData("metrics")]
    [InlineData("alerts")]
    [InlineData("check")]
    public async Task Help_EveryCommand_ExitsZeroWithUsage(string command)
    {
        var (exitCode, stdout, _) = await RxmonProcess.RunAsync(AppContext.BaseDirectory, command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains($"rxmon {command}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Json_ExitCodeMatchesTheReportedStatus()
    {
        var (exitCode, stdout, _) = await RxmonProcess.RunAsync(AppContext.BaseDirectory, "health", "--json");

        using var json = JsonDocument.Parse(stdout);
        var status = json.RootElement.GetProperty("status").GetString();
        Assert.Equal(Array.IndexOf(["healthy", "degraded", "unhealthy"], status), exitCode);
        Assert.Contains(json.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "system");
        Assert.True(json.RootElement.GetProperty("memoryUsagePercent").GetDouble() > 0);
    }

    [Fact]
    public async Task Metrics_Json_ListsSystemAndRuntimeSeries()
    {
        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(AppContext.BaseDirectory, "metrics", "--json");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var names = json.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToHashSet();
        Assert.Contains("system_memory_usage_percent", names);
        Assert.Contains("system_cpu_usage_percent", names);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", names);
    }

    [Fact]
    public async Task Metrics_Text_PrintsOneSeriesAndValuePerLine()
    {
        var (exitCode, stdout, _) = await RxmonProcess.RunAsync(AppContext.BaseDirectory, "metrics");

        Assert.Equal(0, exitCode);
        var line = stdout.Split('\n').Single(l => l.StartsWith("system_memory_usage_percent ", StringComparison.Ordinal));
        Assert.True(double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Alerts_AfterARunThatFired_ListsTheTransitionAndFiltersBySeverityAndState()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"DefaultRules": false, "Rules": [{"name": "MemoryInUseTest", "series": "system_memory_usage_percent", "severity": "error", "threshold": {"above": 0}}]}}
            """);
        var run = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "3s");
        Assert.True(run.ExitCode == 0, run.StdErr);

        var all = await RxmonProcess.RunAsync(dir.Path, "alerts", "--json", "--rule", "MemoryInUseTest");
        var critical = await RxmonProcess.RunAsync(dir.Path, "alerts", "--json", "--severity", "critical");
        var resolved = await RxmonProcess.RunAsync(dir.Path, "alerts", "--json", "--state", "resolved");

        Assert.Equal(0, all.ExitCode);
        using var json = JsonDocument.Parse(all.StdOut);
        var firing = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(("MemoryInUseTest", "firing", "error"), (firing.GetProperty("alert").GetProperty("rxmonitor").GetProperty("rule").GetString(), firing.GetProperty("change").GetString(), firing.GetProperty("alert").GetProperty("rxmonitor").GetProperty("severity").GetString()));
        Assert.Equal("MemoryInUseTest", firing.GetProperty("alert").GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(0, JsonDocument.Parse(critical.StdOut).RootElement.GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(resolved.StdOut).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Alerts_NoStore_ExitsOneNamingThePath()
    {
        using var dir = new TempDirectory();

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "alerts");

        Assert.Equal(1, exitCode);
        Assert.Contains("no store at", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("rxmon.db")));
    }

    [Fact]
    public async Task Alerts_BadOptions_ListsEveryProblemAndExitsTwo()
    {
        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(AppContext.BaseDirectory, "alerts", "--since", "soon", "--severity", "loud", "--state", "odd");

        Assert.Equal(2, exitCode);
        Assert.Contains("--since", stderr, StringComparison.Ordinal);
        Assert.Contains("--severity", stderr, StringComparison.Ordinal);
        Assert.Contains("--state", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ValidConfig_PrintsOkAndExitsZero()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"Rules": [{"name": "Mem", "series": "system_memory_usage_percent", "threshold": {"above": 90}}],
                           "Alerting": {"receivers": [{"name": "default", "sinks": [{"type": "serilog"}]}]}}}
            """);

        var (exitCode, stdout, _) = await RxmonProcess.RunAsync(dir.Path, "check", "appsettings.json");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("OK", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_InvalidConfig_ListsEveryProblemWithItsPathAndExitsTwo()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("bad.json"), """
            {"RxMonitor": {"Rules": [{"name": "A", "series": "x", "threshold": {"above": 1}}, {"name": "A", "series": "{", "threshold": {}}],
                           "Alerting": {"route": {"receiver": "nobody"}},
                           "Http": {"Address": "10.0.0.1"}}}
            """);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "check", "bad.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("RxMonitor:Rules:1", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Alerting:route:receiver", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Http", stderr, StringComparison.Ordinal);
    }
}
