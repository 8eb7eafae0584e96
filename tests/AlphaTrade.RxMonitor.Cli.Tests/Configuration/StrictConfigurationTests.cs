using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Configuration;

/// <summary>Strict configuration as a user meets it: <c>rxmon check</c> and <c>rxmon run</c> on misspelt or malformed files.</summary>
[Trait("Category", "Integration")]
public sealed class StrictConfigurationTests
{
    [Fact]
    public async Task Check_MisspeltKeys_ListsEveryOneWithADidYouMeanAndExitsTwo()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitr": {}, "RxMonitor": {"Rulez": [], "Sqlite": {"Pat": "x.db"}}}
            """);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "check", "appsettings.json");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            """
            rxmon check: invalid configuration (3 problems):
              appsettings.json: unknown key RxMonitr (did you mean RxMonitor?)
              unknown key RxMonitor:Rulez (did you mean RxMonitor:Rules?)
              unknown key RxMonitor:Sqlite:Pat (did you mean RxMonitor:Sqlite:Path?)

            """.ReplaceLineEndings("\n"),
            stderr);
    }

    [Fact]
    public async Task Check_UnknownKeyFarFromAnyKnownOne_ListsTheKnownKeys()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """{"RxMonitor": {"Sqlite": {"Colour": "blue"}, "Http": {"Hostname": "x"}}}""");

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "check", "appsettings.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("  unknown key RxMonitor:Http:Hostname (known keys: Address, Port, AllowRemote, ApiToken)\n", stderr, StringComparison.Ordinal);
        Assert.Contains("  unknown key RxMonitor:Sqlite:Colour (known keys: Path, ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MisspeltKeyInAnEnvironmentVariable_NamesItAsTyped()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """{"RxMonitor": {}}""");

        var (exitCode, _, stderr) = await RxmonProcess.RunWithEnvironmentAsync(
            dir.Path, new Dictionary<string, string> { ["RXMONITOR__SQLITE__PAHT"] = "x.db" }, "check", "appsettings.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("  unknown key RxMonitor:Sqlite:PAHT (did you mean RxMonitor:Sqlite:Path?)\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_JsonSyntaxError_NamesFileLineColumnAndReason()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), "{\"RxMonitor\": {\n  \"Rules\": [,]}}");

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "check", "appsettings.json");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "rxmon check: invalid configuration (1 problem):\n  appsettings.json: line 2, column 13: not valid JSON: ',' is an invalid start of a value.\n",
            stderr);
    }

    [Fact]
    public async Task Run_JsonSyntaxError_ExitsTwoBeforeStarting()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), "{\"RxMonitor\": {\"DefaultRules\": tru}}");

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "1s");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "rxmon run: invalid configuration (1 problem):\n  appsettings.json: line 1, column 35: not valid JSON: 'tru}}' is an invalid JSON literal. Expected the literal 'true'.\n",
            stderr);
        Assert.DoesNotContain("rxmon started", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ValuesOfTheWrongType_SayWhatWasExpectedWithoutTypeNames()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"DefaultRules": "yes", "Sqlite": {"MaxDatabaseBytes": "lots", "BatchDelay": "soon", "Synchronous": "Sometimes"}, "Alerting": {"Flapping": {"Low": 1e999}}}}
            """);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "check", "appsettings.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("  RxMonitor:DefaultRules: expected true or false, found 'yes'\n", stderr, StringComparison.Ordinal);
        Assert.Contains("  RxMonitor:Sqlite:MaxDatabaseBytes: expected a whole number, found 'lots'\n", stderr, StringComparison.Ordinal);
        Assert.Contains("  RxMonitor:Sqlite:BatchDelay: expected a duration (30s, 1m30s or 00:01:30), found 'soon'\n", stderr, StringComparison.Ordinal);
        Assert.Contains("  RxMonitor:Sqlite:Synchronous: expected one of Normal, Full, found 'Sometimes'\n", stderr, StringComparison.Ordinal);
        Assert.Contains("  RxMonitor:Alerting:Flapping:Low: 1e999 is out of range (numbers go up to about ±1.8e308)\n", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DefaultRulesOffAndNoRules_SaysSoAndWarns()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """{"RxMonitor": {"Defaultrules": false}}""");

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "check", "appsettings.json");

        Assert.Equal(0, exitCode);
        Assert.Equal("OK: appsettings.json: 0 rules (default rules off), 0 receivers, store rxmon.db.\n", stdout);
        Assert.Equal("rxmon check: warning: no rules, so nothing will alert (RxMonitor:DefaultRules is false and RxMonitor:Rules is empty).\n", stderr);
    }

    [Fact]
    public async Task Check_MissingFileOrDirectory_SaysWhich()
    {
        using var dir = new TempDirectory();

        var missing = await RxmonProcess.RunAsync(dir.Path, "check", "nope.json");
        var directory = await RxmonProcess.RunAsync(dir.Path, "check", ".");

        Assert.Equal((2, "rxmon check: invalid configuration (1 problem):\n  nope.json: file not found\n"), (missing.ExitCode, missing.StdErr));
        Assert.Equal((2, "rxmon check: invalid configuration (1 problem):\n  .: is a directory, not a configuration file\n"), (directory.ExitCode, directory.StdErr));
    }

    [Fact]
    public async Task Replay_RulesFileWithMisspeltKeyAndHugeNumber_SaysDidYouMeanAndOutOfRange()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("rules.json"), """
            {"rules": [{"name": "A", "series": "cpu", "threshold": {"above": 1e999, "recovry": 1}}]}
            """);
        await File.WriteAllTextAsync(dir.File("samples.csv"), "timestamp,series,value\n0,cpu,1\n");

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "replay", "--rules", "rules.json", "--input", "samples.csv");

        Assert.Equal(2, exitCode);
        Assert.Contains("  rules.json: unknown key rules[0].threshold.recovry (did you mean rules[0].threshold.recovery?)\n", stderr, StringComparison.Ordinal);
        Assert.Contains("  rules.json: rules[0].threshold.above: 1e999 is out of range (numbers go up to about ±1.8e308)\n", stderr, StringComparison.Ordinal);
    }
}
