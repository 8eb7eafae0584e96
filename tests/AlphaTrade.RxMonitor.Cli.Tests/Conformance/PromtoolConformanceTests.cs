using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>
/// The proof of Prometheus conformance: seeded random scenarios for every row of the rule table run through
/// <c>rxmon replay</c>, and the alert state it reports at every grid time is checked by the real
/// <c>promtool test rules</c> (Prometheus 2.42), which fails with its exp/got diff on any difference.
/// </summary>
/// <remarks>
/// Set <c>RXMON_CONFORMANCE_SEED</c> to explore other seeds. On a failure the generated files stay in the
/// <c>$TMPDIR/rxmon-conformance-*</c> directory the message names, to rerun with <c>promtool test rules FILE</c>.
/// </remarks>
[Trait("Category", "Integration")]
public sealed partial class PromtoolConformanceTests
{
    private const int DefaultSeed = 20261127;
    private const int ScenarioCount = 224;

    [Fact]
    public void Generator_CoversEveryRowOfTheTableWithGapsAndResets()
    {
        var scenarios = ScenarioGenerator.GenerateMany(DefaultSeed, ScenarioCount);

        Assert.True(scenarios.Count >= 200);
        Assert.All(ScenarioGenerator.Kinds, kind => Assert.True(scenarios.Count(s => s.Kind == kind) >= 12, kind));
        Assert.Contains(scenarios, s => s.Series.Any(series => LongestGap(series.Values) * s.StepSeconds > 300));
        Assert.Contains(scenarios, s => s.Kind == "rate" && s.Series.Any(static series => HasReset(series.Values)));
        Assert.Contains(scenarios, s => s.ForSeconds > 0 && s.KeepFiringForSeconds > 0);
        Assert.Contains(scenarios, s => s.RuleLabels.ContainsKey("instance"));
        Assert.Contains(scenarios, s => s.Expr.StartsWith("absent_over_time(conf_metric{job=\"db\"}", StringComparison.Ordinal));
        Assert.All(scenarios, s => Assert.Equal(0, s.ForSeconds % s.StepSeconds));
        Assert.All(scenarios, s => Assert.Equal(0, s.KeepFiringForSeconds % s.StepSeconds));
    }

    [Fact]
    public async Task Replay_RandomScenarios_MatchPrometheusAlertStatesAtEveryGridTime()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RXMON_CONFORMANCE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        // A directory of its own: test runs of several engineers (or CI legs) may run at once.
        var directory = Directory.CreateTempSubdirectory("rxmon-conformance-").FullName;
        var testFiles = new List<string>();
        var alerting = 0;
        foreach (var scenario in ScenarioGenerator.GenerateMany(seed, ScenarioCount))
        {
            var (rules, samples) = ScenarioFiles.Write(directory, scenario);
            var until = AlertEventJsonUntil(scenario);
            var timeline = AlertTimeline.Parse(Replay(rules, samples, until));
            alerting += timeline.Count > 0 ? 1 : 0;
            testFiles.Add(PromtoolTestWriter.Write(directory, scenario, timeline));
        }

        var (exitCode, output) = await Promtool.TestRulesAsync(directory, testFiles);

        var failed = FailedFile().Matches(output).Select(static m => m.Groups[1].Value).ToList();
        Assert.True(
            exitCode == 0,
            $"promtool found differences in {failed.Count} of {testFiles.Count} scenarios (seed {seed}; files in {directory}): " +
            $"{string.Join(", ", failed)}{Environment.NewLine}{Truncate(output)}");
        Assert.True(alerting >= testFiles.Count * 3 / 4, $"only {alerting} of {testFiles.Count} scenarios raised an alert; the generator lost its crossings");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Promtool_ExpectationThatDiffersFromPrometheus_FailsWithItsDiff()
    {
        // Guards the proof against passing vacuously: promtool must reject an expectation of "no alerts" for a
        // scenario in which our replay (and Prometheus) raise some.
        var directory = Directory.CreateTempSubdirectory("rxmon-conformance-check-").FullName;
        var (scenario, rules, samples) = ScenarioGenerator.GenerateMany(DefaultSeed, ScenarioCount)
            .Where(static s => s.Kind == "threshold_above")
            .Select(s => (Scenario: s, Files: ScenarioFiles.Write(directory, s)))
            .Where(c => AlertTimeline.Parse(Replay(c.Files.Rules, c.Files.Samples, AlertEventJsonUntil(c.Scenario))).Count > 0)
            .Select(static c => (c.Scenario, c.Files.Rules, c.Files.Samples))
            .First();
        var testFile = PromtoolTestWriter.Write(directory, scenario, AlertTimeline.Parse(string.Empty));

        var (exitCode, output) = await Promtool.TestRulesAsync(directory, [testFile]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
        Assert.Contains("exp: nil", output, StringComparison.Ordinal);
        Assert.Contains($"alertname=\"{scenario.Name}\"", output, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    private static string AlertEventJsonUntil(ConformanceScenario scenario) =>
        DateTimeOffset.UnixEpoch.AddSeconds(scenario.LastEvaluationSeconds).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Replay(string rules, string samples, string until)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = RxmonCommandLine.Create()
            .Parse(["replay", "--rules", rules, "--input", samples, "--until", until])
            .Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        Assert.True(exitCode == 0, $"rxmon replay exited {exitCode}: {stderr}");
        Assert.True(stderr.ToString().Length == 0, $"rxmon replay reported: {stderr}");
        return stdout.ToString();
    }

    private static int LongestGap(double?[] values)
    {
        var longest = 0;
        var current = 0;
        foreach (var value in values)
        {
            current = value is null ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static bool HasReset(double?[] values)
    {
        var present = values.OfType<double>().ToArray();
        return present.Zip(present.Skip(1)).Any(static p => p.Second < p.First);
    }

    // Keep the report readable: only the failing files with their differences.
    private static string Truncate(string output)
    {
        var differences = string.Join(Environment.NewLine, output.Split('\n').Where(static l => l.Trim().Length > 0 && !l.Contains("SUCCESS", StringComparison.Ordinal)));
        return differences.Length <= 20_000 ? differences : $"{differences[..20_000]}{Environment.NewLine}… (truncated)";
    }

    [GeneratedRegex(@"Unit Testing:\s+\S*/(\S+)\.test\.yml\s*\n\s*FAILED")]
    private static partial Regex FailedFile();
}
