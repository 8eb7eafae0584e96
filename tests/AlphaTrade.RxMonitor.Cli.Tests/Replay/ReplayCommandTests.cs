using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

/// <summary>End-to-end: the built <c>rxmon</c> run as a process, as a user runs it.</summary>
[Trait("Category", "Integration")]
public sealed class ReplayCommandTests : IDisposable
{
    private const string Rules = """
        {"rules": [
          {"name": "HighCpu", "series": "cpu_usage_percent", "for": "1m", "severity": "critical",
           "labels": {"team": "infra"}, "evaluationInterval": "1m", "threshold": {"above": 90}},
          {"name": "CpuAbsent", "series": "cpu_usage_percent{instance=\"a\"}", "evaluationInterval": "1m", "absent": {"for": "2m"}}
        ]}
        """;

    private const string Samples = """
        timestamp,series,value
        2026-01-01T00:00:00Z,"cpu_usage_percent{instance=""a""}",50
        1767225660,"cpu_usage_percent{instance=""a""}",95
        2026-01-01T00:02:00Z,"cpu_usage_percent{instance=""a""}",95
        2026-01-01T00:03:00Z,"cpu_usage_percent{instance=""a""}",60
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("rxmon-replay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Replay_RulesAndSamples_PrintsOneJsonLinePerAlertEventInTimeOrder()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(
            [
                """{"time":"2026-01-01T00:01:00Z","rule":"HighCpu","state":"pending","severity":"critical","labels":{"alertname":"HighCpu","instance":"a","team":"infra"},"value":95.0}""",
                """{"time":"2026-01-01T00:02:00Z","rule":"HighCpu","state":"firing","severity":"critical","labels":{"alertname":"HighCpu","instance":"a","team":"infra"},"value":95.0}""",
                """{"time":"2026-01-01T00:03:00Z","rule":"HighCpu","state":"resolved","severity":"critical","labels":{"alertname":"HighCpu","instance":"a","team":"infra"},"value":60.0}""",
            ],
            Lines(stdout));
    }

    [Fact]
    public async Task Replay_SeverityLevels_EscalateAndDeescalateOneAlert()
    {
        const string rules = """
            {"rules": [{"name": "Cpu", "series": "cpu", "evaluationInterval": "1m", "threshold": {"levels": [
              {"severity": "warning", "above": 80}, {"severity": "critical", "above": 95, "recovery": 90}]}}]}
            """;
        const string samples = "timestamp,series,value\n0,cpu,85\n60,cpu,96\n120,cpu,92\n180,cpu,89\n240,cpu,70\n";

        var (exitCode, stdout, _) = await RunAsync(rules, samples);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [
                """{"time":"1970-01-01T00:00:00Z","rule":"Cpu","state":"firing","severity":"warning","labels":{"alertname":"Cpu"},"value":85.0}""",
                """{"time":"1970-01-01T00:01:00Z","rule":"Cpu","state":"firing","severity":"critical","labels":{"alertname":"Cpu"},"value":96.0}""",
                """{"time":"1970-01-01T00:03:00Z","rule":"Cpu","state":"firing","severity":"warning","labels":{"alertname":"Cpu"},"value":89.0}""",
                """{"time":"1970-01-01T00:04:00Z","rule":"Cpu","state":"resolved","severity":"warning","labels":{"alertname":"Cpu"},"value":70.0}""",
            ],
            Lines(stdout));
    }

    [Fact]
    public async Task Replay_UntilAfterLastSample_LetsAbsencePlayOut()
    {
        var (exitCode, stdout, _) = await RunAsync(Rules, Samples, "--until", "+3m");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            """{"time":"2026-01-01T00:06:00Z","rule":"CpuAbsent","state":"firing","severity":"warning","labels":{"alertname":"CpuAbsent","instance":"a"},"value":1.0}""",
            Lines(stdout)[^1]);
    }

    [Fact]
    public async Task Replay_UntilAbsoluteTime_StopsThere()
    {
        var (exitCode, stdout, _) = await RunAsync(Rules, Samples, "--until", "2026-01-01T00:05:00Z");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(Lines(stdout), static l => l.Contains("CpuAbsent", StringComparison.Ordinal));
        Assert.Equal(3, Lines(stdout).Length);
    }

    [Fact]
    public async Task Replay_OutputOption_WritesTheEventsToTheFile()
    {
        var output = Path.Combine(_directory, "alerts.jsonl");

        var (exitCode, stdout, _) = await RunAsync(Rules, Samples, "--output", output);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(3, Lines(await File.ReadAllTextAsync(output)).Length);
    }

    [Fact]
    public async Task Replay_BadRulesSamplesAndUntil_Exits2ListingEveryProblem()
    {
        const string rules = """{"rules": [{"name": "A", "series": "cpu", "threshold": {"above": "ninety"}}, {"name": "B", "series": "cpu{", "absent": {}}]}""";
        const string samples = "timestamp,series,value\n0,cpu,1\nnoon,cpu,2\n120,cpu,high\n";

        var (exitCode, stdout, stderr) = await RunAsync(rules, samples, "--until", "10m");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("rxmon replay: bad input (6 problems):", stderr, StringComparison.Ordinal);
        Assert.Contains("rules.json: rules[0].threshold.above: expected a number, found the string \"ninety\"", stderr, StringComparison.Ordinal);
        Assert.Contains("rules.json: rules[1].series: Invalid series selector 'cpu{' at column 5", stderr, StringComparison.Ordinal);
        Assert.Contains("rules.json: rules[1].absent.for: is required", stderr, StringComparison.Ordinal);
        Assert.Contains("samples.csv:3: timestamp 'noon' is neither unix seconds", stderr, StringComparison.Ordinal);
        Assert.Contains("samples.csv:4: value 'high' is not a number", stderr, StringComparison.Ordinal);
        Assert.Contains("--until: '10m' is neither an RFC 3339 time", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_From_SkipsTheEarlierSamplesAndStartsThere()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples, "--from", "2026-01-01T00:02:00Z");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            ["2026-01-01T00:02:00Z HighCpu pending", "2026-01-01T00:03:00Z HighCpu resolved"],
            Lines(stdout).Select(Summary));
    }

    [Fact]
    public async Task Replay_FromRelativeToTheLastSample_StartsThatLongBeforeIt()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples, "--from", "-1m");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            ["2026-01-01T00:02:00Z HighCpu pending", "2026-01-01T00:03:00Z HighCpu resolved"],
            Lines(stdout).Select(Summary));
    }

    [Fact]
    public async Task Replay_BadFrom_Exits2NamingTheOption()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples, "--from", "yesterday");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "rxmon replay: bad input (1 problem):\n  --from: 'yesterday' is neither an RFC 3339 time (2026-01-01T00:10:00Z) nor -DURATION before the last sample (-1h)\n",
            stderr);
    }

    [Fact]
    public async Task Replay_FromAfterTheLastSample_Exits2SayingNothingWouldBeReplayed()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples, "--from", "2026-01-01T00:04:00Z");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "rxmon replay: bad input (1 problem):\n  --from: 2026-01-01T00:04:00Z is after the last sample (2026-01-01T00:03:00Z), so nothing would be replayed\n",
            stderr);
    }

    [Fact]
    public async Task Replay_MissingFiles_Exits2NamingThem()
    {
        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(_directory, "replay", "--rules", "nope.json", "--input", "nope.csv");

        Assert.Equal(2, exitCode);
        Assert.Contains("nope.json: cannot read the file", stderr, StringComparison.Ordinal);
        Assert.Contains("nope.csv: cannot read the file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_NaNSamples_AreDroppedAndCounted()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples + "\n2026-01-01T00:03:30Z,\"cpu_usage_percent{instance=\"\"a\"\"}\",NaN\n");

        Assert.Equal(0, exitCode);
        Assert.Equal(3, Lines(stdout).Length);
        Assert.Contains("rxmon replay: dropped 1 samples with NaN or infinite values", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Replay_DescribesItsOptions()
    {
        var (exitCode, stdout, _) = await RxmonProcess.RunAsync(_directory, "replay", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--rules", stdout, StringComparison.Ordinal);
        Assert.Contains("--input", stdout, StringComparison.Ordinal);
        Assert.Contains("--until", stdout, StringComparison.Ordinal);
        Assert.Contains("--output", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_UntilBeforeTheFirstSample_ExitsTwoSayingNothingWouldBeReplayed()
    {
        var (exitCode, stdout, stderr) = await RunAsync(Rules, Samples, "--until", "2025-12-31T23:00:00Z");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "rxmon replay: bad input (1 problem):\n  --until: 2025-12-31T23:00:00Z is before the first sample (2026-01-01T00:00:00Z), so nothing would be replayed\n",
            stderr);
    }

    [Fact]
    public async Task Replay_SamplesWithSpacesAHugeNumberAndNan_ReportsEachAndAcceptsNan()
    {
        var (exitCode, _, stderr) = await RunAsync(Rules, "timestamp,series,value\n0,cpu,nan\n60,cpu, 95\n120,cpu,1e999\n");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "rxmon replay: bad input (2 problems):\n" +
            "  samples.csv:3: value ' 95' has spaces around it (write '95')\n" +
            "  samples.csv:4: value '1e999' is out of range (numbers go up to about ±1.8e308; write +Inf or -Inf for infinity)\n",
            stderr);
    }

    [Fact]
    public async Task Replay_DirectoriesAsInputAndRules_SayTheyAreDirectories()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "in"));

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(_directory, "replay", "--rules", "in", "--input", "in");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "rxmon replay: bad input (2 problems):\n  in: is a directory, not a rules file\n  in: is a directory, not a samples file\n",
            stderr);
    }

    private async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string rules, string samples, params string[] extra)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.json"), rules);
        await File.WriteAllTextAsync(Path.Combine(_directory, "samples.csv"), samples);
        return await RxmonProcess.RunAsync(_directory, ["replay", "--rules", "rules.json", "--input", "samples.csv", .. extra]);
    }

    private static string Summary(string line)
    {
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var root = json.RootElement;
        return $"{root.GetProperty("time").GetString()} {root.GetProperty("rule").GetString()} {root.GetProperty("state").GetString()}";
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
