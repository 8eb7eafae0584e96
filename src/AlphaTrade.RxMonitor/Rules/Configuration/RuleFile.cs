using System.Text.Json;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>Loads a rules file, <c>{"rules":[…]}</c>, and validates it, listing every problem with its JSON path.</summary>
/// <remarks>
/// The JSON may hold comments and trailing commas (as <c>appsettings.json</c> may). Property names match
/// case-insensitively; unknown properties, wrong JSON types and invalid values are all reported at once in one
/// <see cref="RuleConfigurationException"/>, each line naming the file and the path, e.g.
/// <c>rules.json: rules[2].threshold.above: expected a number, found the string "ninety"</c>.
/// </remarks>
public static class RuleFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads and validates the rules file at <paramref name="path"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The valid rule set.</returns>
    /// <exception cref="RuleConfigurationException">The file cannot be read, is not JSON, or holds invalid rules.</exception>
    public static RuleSetOptions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new RuleConfigurationException(path, ["is a directory, not a rules file"]);
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new RuleConfigurationException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates the text of a rules file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <returns>The valid rule set.</returns>
    /// <exception cref="RuleConfigurationException">The text is not JSON or holds invalid rules.</exception>
    public static RuleSetOptions Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new RuleConfigurationException(source, [JsonErrorText.Describe(e, json)]);
        }

        using (document)
        {
            var readProblems = new List<string>();
            var options = ReadRuleSet(document.RootElement, readProblems);
            var problems = new List<string>(readProblems);
            if (options is not null)
            {
                problems.AddRange(options.Validate().Where(p => !FollowsFrom(p, readProblems)));
            }

            if (problems.Count > 0)
            {
                throw new RuleConfigurationException(source, problems);
            }

            return options!;
        }
    }

    private static RuleSetOptions? ReadRuleSet(JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"(root): expected an object {{\"rules\":[…]}}, found {JsonObjectReader.Describe(root)}");
            return null;
        }

        var reader = JsonObjectReader.Create(root, string.Empty, problems, "rules", "evaluationInterval")!;
        var rules = reader.Array("rules", (e, p) => ReadRule(e, p, problems));
        if (rules is null)
        {
            problems.Add("rules: is required (an array of rules)");
            return null;
        }

        return new RuleSetOptions { Rules = rules, EvaluationInterval = reader.String("evaluationInterval") };
    }

    private static RuleOptions? ReadRule(JsonElement element, string path, List<string> problems)
    {
        var r = JsonObjectReader.Create(
            element, path, problems,
            "name", "series", "for", "keepFiringFor", "severity", "labels", "annotations", "evaluationInterval",
            "staleness", "threshold", "rate", "trend", "aggregate", "absent", "window", "baseline", "anomaly");
        if (r is null)
        {
            return null;
        }

        return new RuleOptions
        {
            Name = r.String("name"),
            Series = r.String("series"),
            For = r.String("for"),
            KeepFiringFor = r.String("keepFiringFor"),
            Severity = r.String("severity"),
            Labels = r.StringMap("labels"),
            Annotations = r.StringMap("annotations"),
            EvaluationInterval = r.String("evaluationInterval"),
            Staleness = r.Object("staleness", (e, p) => ReadStaleness(e, p, problems)),
            Threshold = r.Object("threshold", (e, p) => ReadThreshold(e, p, problems)),
            Rate = r.Object("rate", (e, p) => ReadRate(e, p, problems)),
            Trend = r.Object("trend", (e, p) => ReadTrend(e, p, problems)),
            Aggregate = r.Object("aggregate", (e, p) => ReadAggregate(e, p, problems)),
            Absent = r.Object("absent", (e, p) => ReadAbsent(e, p, problems)),
            Window = r.Object("window", (e, p) => ReadWindow(e, p, problems)),
            Baseline = r.Object("baseline", (e, p) => ReadBaseline(e, p, problems)),
            Anomaly = r.Object("anomaly", (e, p) => ReadAnomaly(e, p, problems)),
        };
    }

    private static StalenessOptions? ReadStaleness(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "after", "policy") is { } r
            ? new StalenessOptions { After = r.String("after"), Policy = r.String("policy") }
            : null;

    private static ThresholdOptions? ReadThreshold(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "above", "below", "recovery", "consecutive", "levels") is { } r
            ? new ThresholdOptions
            {
                Above = r.Number("above"),
                Below = r.Number("below"),
                Recovery = r.Number("recovery"),
                Consecutive = r.Integer("consecutive"),
                Levels = r.Array("levels", (e, p) => ReadLevel(e, p, problems)),
            }
            : null;

    private static ThresholdLevelOptions? ReadLevel(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "severity", "above", "below", "recovery") is { } r
            ? new ThresholdLevelOptions
            {
                Severity = r.String("severity"),
                Above = r.Number("above"),
                Below = r.Number("below"),
                Recovery = r.Number("recovery"),
            }
            : null;

    private static RateOptions? ReadRate(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "function", "window", "above", "below") is { } r
            ? new RateOptions
            {
                Function = r.String("function"),
                Window = r.String("window"),
                Above = r.Number("above"),
                Below = r.Number("below"),
            }
            : null;

    private static TrendOptions? ReadTrend(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "function", "window", "horizon", "above", "below") is { } r
            ? new TrendOptions
            {
                Function = r.String("function"),
                Window = r.String("window"),
                Horizon = r.String("horizon"),
                Above = r.Number("above"),
                Below = r.Number("below"),
            }
            : null;

    private static AggregateOptions? ReadAggregate(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "function", "window", "quantile", "above", "below") is { } r
            ? new AggregateOptions
            {
                Function = r.String("function"),
                Window = r.String("window"),
                Quantile = r.Number("quantile"),
                Above = r.Number("above"),
                Below = r.Number("below"),
            }
            : null;

    private static AbsentOptions? ReadAbsent(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "for") is { } r
            ? new AbsentOptions { For = r.String("for") }
            : null;

    private static BaselineOptions? ReadBaseline(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "deviations", "minWeeks") is { } r
            ? new BaselineOptions { Deviations = r.Number("deviations"), MinWeeks = r.Integer("minWeeks") }
            : null;

    private static AnomalyOptions? ReadAnomaly(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "above", "recovery", "levels", "warmupSamples") is { } r
            ? new AnomalyOptions
            {
                Above = r.Number("above"),
                Recovery = r.Number("recovery"),
                Levels = r.Array("levels", (e, p) => ReadLevel(e, p, problems)),
                WarmupSamples = r.Integer("warmupSamples"),
            }
            : null;

    private static WindowOptions? ReadWindow(JsonElement element, string path, List<string> problems) =>
        JsonObjectReader.Create(element, path, problems, "size", "aggregate", "quantile", "above", "below") is { } r
            ? new WindowOptions
            {
                Size = r.String("size"),
                Aggregate = r.String("aggregate"),
                Quantile = r.Number("quantile"),
                Above = r.Number("above"),
                Below = r.Number("below"),
            }
            : null;

    // A validation problem that only restates a wrong JSON type (the value that could not be read is then
    // missing) is left out: same path, or the parent of a path whose value had the wrong type.
    private static bool FollowsFrom(string problem, List<string> readProblems)
    {
        var path = PathOf(problem);
        return readProblems
            .Where(static read => read.Contains(": expected ", StringComparison.Ordinal))
            .Select(PathOf)
            .Any(read => read == path || ParentOf(read) == path);
    }

    private static string PathOf(string problem)
    {
        var end = problem.IndexOf(": ", StringComparison.Ordinal);
        return end < 0 ? problem : problem[..end];
    }

    private static string ParentOf(string path)
    {
        var end = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return end < 0 ? string.Empty : path[..end];
    }
}
