using System.CommandLine;
using System.Globalization;
using AlphaTrade.RxMonitor.Cli.Tests.Support;
using AlphaTrade.RxMonitor.Tests.Fuzz;
using CsCheck;

namespace AlphaTrade.RxMonitor.Cli.Tests.Fuzz;

/// <summary>
/// Fuzzing <c>rxmon check</c> (in process, CsCheck, seeded and bounded, one thread) with appsettings JSON: mutated valid
/// files, values of the wrong type at known keys, unknown rule kinds and sink types, bad durations, bad regular
/// expressions and deep nesting. Property: exit 0, or exit 2 with every problem naming its place (the file or the
/// offending key) in words, never a .NET type name, a stack trace or regex internals.
/// </summary>
/// <remarks>
/// Problems are matched on the offending key's last segment, case-insensitively, not on the whole path: the path
/// dialect of the messages is the configuration model's business.
/// </remarks>
public sealed partial class AppSettingsFuzzTests : IDisposable
{
    private const string Valid = """
        { "RxMonitor": {
          "DefaultRules": true,
          "EvaluationInterval": "15s",
          "Rules": [ { "name": "CpuHot", "series": "system_cpu_usage_percent", "for": "1m", "threshold": { "above": 90 } } ],
          "Alerting": {
            "receivers": [ { "name": "hook", "sendResolved": true, "sinks": [ { "type": "webhook", "url": "http://127.0.0.1:5001/hook" } ] } ],
            "route": { "receiver": "hook", "groupBy": ["alertname"], "groupWait": "30s", "groupInterval": "5m", "repeatInterval": "4h",
              "routes": [ { "matchers": ["severity=~\"crit.*\""], "receiver": "hook" } ] },
            "inhibitRules": [ { "sourceMatchers": ["severity=critical"], "targetMatchers": ["severity=warning"], "equal": ["alertname"] } ] },
          "Sqlite": { "Path": "fuzz.db", "BatchSize": 1000, "Synchronous": "Normal" },
          "Sources": { "Interval": "1s" },
          "Http": { "Port": 9464 } } }
        """;

    /// <summary>Files with one value (<c>@V</c>) to fill in, and the key segment a problem with that value must name.</summary>
    private static readonly (string Template, string Key)[] Slots =
    [
        ("""{"RxMonitor": {"Alerting": {"route": {"receiver": "default", "groupWait": @V}}}}""", "groupWait"),
        ("""{"RxMonitor": {"Alerting": {"route": {"receiver": "default", "repeatInterval": @V}}}}""", "repeatInterval"),
        ("""{"RxMonitor": {"Alerting": {"flapping": {"history": @V}}}}""", "history"),
        ("""{"RxMonitor": {"EvaluationInterval": @V}}""", "EvaluationInterval"),
        ("""{"RxMonitor": {"DefaultRules": @V}}""", "DefaultRules"),
        ("""{"RxMonitor": {"Sqlite": {"BatchSize": @V}}}""", "BatchSize"),
        ("""{"RxMonitor": {"Sqlite": {"BatchDelay": @V}}}""", "BatchDelay"),
        ("""{"RxMonitor": {"Sqlite": {"Synchronous": @V}}}""", "Synchronous"),
        ("""{"RxMonitor": {"Sources": {"Interval": @V}}}""", "Interval"),
        ("""{"RxMonitor": {"Ingest": {"CapacityPerWriter": @V}}}""", "CapacityPerWriter"),
        ("""{"RxMonitor": {"Ingest": {"FullMode": @V}}}""", "FullMode"),
        ("""{"RxMonitor": {"Http": {"Port": @V}}}""", "Port"),
        ("""{"RxMonitor": {"Http": {"AllowRemote": @V}}}""", "AllowRemote"),
        ("""{"RxMonitor": {"Rules": [{"name": "r", "series": "s", "threshold": {"above": @V}}]}}""", "above"),
        ("""{"RxMonitor": {"Rules": [{"name": "r", "series": "s", "for": @V, "threshold": {"above": 1}}]}}""", "for"),
        ("""{"RxMonitor": {"Rules": [{"name": "r", "series": @V, "threshold": {"above": 1}}]}}""", "series"),
    ];

    /// <summary>
    /// Values wrong for every slot above: a section where a value belongs, out of range, a control character. (An empty
    /// object is not among them: .NET configuration reads <c>{}</c> as no value, so the key keeps its default.)
    /// </summary>
    private static readonly string[] WrongValues =
    [
        """{"nested": {"deep": 1}}""", "[1, [2]]", "1e999", "\"1e999\"", "\"-1e999\"", "\"\\u0000\"", "\"5 x\"",
    ];

    private readonly TempDirectory _directory = new();

    private static string With(string template, string value) => template.Replace("@V", value, StringComparison.Ordinal);
    private int _files;

    private (int ExitCode, string Error, string Path) Check(string json)
    {
        var path = _directory.File("appsettings-" + (++_files).ToString(CultureInfo.InvariantCulture) + ".json");
        File.WriteAllText(path, json);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = RxmonCommandLine.Create().Parse(["check", path]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        File.Delete(path);
        return (exitCode, error.ToString(), path);
    }

    /// <summary>The property every answer has; returns the problem lines (empty when the file is valid).</summary>
    private List<string> AssertAnswered(string json)
    {
        var (exitCode, error, path) = Check(json);
        var shown = json[..Math.Min(json.Length, 300)];
        Assert.True(exitCode is 0 or 2, $"exit {exitCode} for {shown}: {error}");
        foreach (var leak in (string[])["   at ", "Exception", "System.", "(Parameter '", @"\A(?:", "RegexOptions", "Microsoft."])
        {
            Assert.False(error.Contains(leak, StringComparison.Ordinal), $"'{leak}' shown to the user for {shown}: {error}");
        }

        if (exitCode == 0)
        {
            return [];
        }

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("rxmon check: invalid configuration", lines[0], StringComparison.Ordinal);
        var problems = lines.Skip(1).Where(static l => !l.StartsWith("rxmon check: warning", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(problems);
        foreach (var problem in problems)
        {
            Assert.True(
                problem.Contains("RxMonitor", StringComparison.OrdinalIgnoreCase) || problem.Contains(Path.GetFileName(path), StringComparison.Ordinal) || KeyFirst().IsMatch(problem),
                $"a problem names no place for {shown}: {problem}");
        }

        return problems;
    }

    private void AssertNamesTheKey(string json, string key)
    {
        var problems = AssertAnswered(json);
        Assert.True(problems.Count > 0, $"accepted: {json}");
        Assert.True(
            problems.Any(p => p.Contains(key, StringComparison.OrdinalIgnoreCase)),
            $"no problem names {key} for {json}: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void Check_TheValidFile_IsAccepted() => Assert.Empty(AssertAnswered(Valid));

    [Trait("Category", "Integration")]
    [Fact]
    public void Check_MutatedValidFiles_ExitZeroOrTwoNamingWhereInWords() =>
        TextMutation.Of(Valid).Sample(json => AssertAnswered(json), iter: 300, threads: 1, seed: "0N0XIzNsQ0O2");

    [Trait("Category", "Integration")]
    [Fact]
    public void Check_WrongValueAtAKnownKey_NamesTheKey() =>
        Gen.Select(Gen.Int[0, Slots.Length - 1], Gen.Int[0, WrongValues.Length - 1])
            .Sample(
                pick =>
                {
                    var (template, key) = Slots[pick.Item1];
                    AssertNamesTheKey(With(template, WrongValues[pick.Item2]), key);
                },
                iter: 150,
                threads: 1,
                seed: "0N0XIzNsQ0O2");

    [Trait("Category", "Integration")]
    [Fact]
    public void Check_RandomDuration_AcceptedOrNamesTheKey() =>
        Gen.String[Gen.Char["0123456789smhdwyµ.-+: _"], 0, 10]
            .Sample(
                text =>
                {
                    var problems = AssertAnswered(With("""{"RxMonitor": {"Alerting": {"route": {"receiver": "default", "groupWait": "@V"}}}}""", text));
                    Assert.All(problems, p => Assert.Contains("groupWait", p, StringComparison.OrdinalIgnoreCase));
                },
                iter: 200,
                threads: 1,
                seed: "0N0XIzNsQ0O2");

    [Trait("Category", "Integration")]
    [Fact]
    public void Check_RandomRegexInAMatcher_AcceptedOrNamesTheMatcher() =>
        Gen.String[Gen.Char["()[]{}*+?|\\^$.a1-,"], 1, 8]
            .Sample(
                regex =>
                {
                    var matcher = System.Text.Json.JsonSerializer.Serialize($"alertname=~\"{regex.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
                    var problems = AssertAnswered(With("""{"RxMonitor": {"Alerting": {"route": {"receiver": "default", "routes": [{"receiver": "default", "matchers": [@V]}]}}}}""", matcher));
                    Assert.All(problems, p => Assert.Contains("matchers", p, StringComparison.OrdinalIgnoreCase));
                },
                iter: 200,
                threads: 1,
                seed: "0N0XIzNsQ0O2");

    [Trait("Category", "Integration")]
    [Fact]
    public void Check_UnknownRuleKind_NamesIt() =>
        Gen.String[Gen.Char['a', 'z'], 3, 10]
            .Where(static word => word is not ("threshold" or "rate" or "trend" or "aggregate" or "absent" or "window" or "baseline" or "anomaly" or "name" or "series" or "for" or "labels" or "annotations" or "severity"))
            .Sample(
                word => AssertNamesTheKey(With("""{"RxMonitor": {"Rules": [{"name": "r", "series": "s", "@V": {"above": 1}}]}}""", word), word),
                iter: 100,
                threads: 1,
                seed: "0N0XIzNsQ0O2");

    [Fact]
    public void Check_UnknownSinkType_NamesIt() =>
        Gen.String[Gen.Char['a', 'z'], 3, 10]
            .Where(static word => word is not ("console" or "webhook" or "alertmanager" or "serilog"))
            .Sample(
                word => AssertNamesTheKey(With("""{"RxMonitor": {"Alerting": {"receivers": [{"name": "default", "sinks": [{"type": "@V"}]}]}}}""", word), word),
                iter: 100,
                threads: 1,
                seed: "0N0XIzNsQ0O2");

    [Theory]
    [InlineData("[", "'[' is not a valid regular expression: unterminated bracket at character 1.")]
    [InlineData("(", "'(' is not a valid regular expression: insufficient closing parentheses at character 1.")]
    [InlineData("x)|(y", "'x)|(y' is not a valid regular expression: insufficient opening parentheses at character 2.")]
    public void Check_BadRegexInAMatcherFoundByFuzzing_SaysWhatIsWrongInWords(string regex, string expected)
    {
        var matcher = System.Text.Json.JsonSerializer.Serialize($"alertname=~\"{regex}\"");

        var problem = Assert.Single(AssertAnswered(With("""{"RxMonitor": {"Alerting": {"route": {"receiver": "default", "routes": [{"receiver": "default", "matchers": [@V]}]}}}}""", matcher)));

        Assert.Contains("matchers", problem, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DeepNesting_ExitZeroOrTwoNamingWhere() =>
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 2])
            .Sample(
                pick =>
                {
                    var (depth, shape) = pick;
                    var json = shape switch
                    {
                        0 => """{"RxMonitor": {"Alerting": {"route": {"receiver": "default", """ + string.Concat(Enumerable.Repeat("""routes": [{"receiver": "default", " """.TrimEnd(), depth)) + """groupWait": "1s" """ + string.Concat(Enumerable.Repeat("}]", depth)) + "}}}}",
                        1 => """{"RxMonitor": {"Sqlite": """ + string.Concat(Enumerable.Repeat("""{"a": """, depth)) + "1" + new string('}', depth) + "}}",
                        _ => """{"RxMonitor": {"Rules": """ + new string('[', depth) + new string(']', depth) + "}}",
                    };
                    AssertAnswered(json);
                },
                iter: 60,
                threads: 1,
                seed: "0N0XIzNsQ0O2");

    public void Dispose() => _directory.Dispose();

    /// <summary>A problem that starts with the key it is about (<c>evaluationInterval: …</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z][\w.:\[\]]*: ")]
    private static partial System.Text.RegularExpressions.Regex KeyFirst();
}
