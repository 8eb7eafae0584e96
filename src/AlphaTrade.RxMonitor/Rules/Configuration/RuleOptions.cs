using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// One alert rule as configured: in <c>appsettings.json</c> under <c>RxMonitor:Rules</c>, or in a rules file
/// <c>{"rules":[…]}</c> (see <c>docs/rules-config.md</c>).
/// </summary>
/// <remarks>
/// A plain options class: durations are Prometheus duration strings, every property is settable so that
/// both <see cref="RuleFile"/> and the configuration binder fill it. Exactly one detector property
/// (<see cref="Threshold"/>, <see cref="Rate"/>, <see cref="Trend"/>, <see cref="Aggregate"/>,
/// <see cref="Absent"/>, <see cref="Window"/>, <see cref="Baseline"/>, <see cref="Anomaly"/>) must be set. <see cref="Validate"/> lists every problem.
/// </remarks>
public sealed class RuleOptions : IValidatableOptions
{
    /// <summary>The severities a rule or level accepts, lowest first.</summary>
    internal static readonly string[] Severities = ["info", "warning", "error", "critical"];

    /// <summary>The rule's name; also the <c>alertname</c> label. Required, unique within the rule set.</summary>
    public string? Name { get; set; }

    /// <summary>The Prometheus series selector the rule watches, e.g. <c>cpu_usage{cpu="total"}</c>. Required.</summary>
    public string? Series { get; set; }

    /// <summary>How long the condition must hold before the alert fires (Prometheus <c>for</c>). Default <c>0s</c>.</summary>
    public string? For { get; set; }

    /// <summary>How long a firing alert keeps firing after the condition stops (Prometheus <c>keep_firing_for</c>). Default <c>0s</c>.</summary>
    public string? KeepFiringFor { get; set; }

    /// <summary>The severity the alert fires with: <c>info</c>, <c>warning</c>, <c>error</c>, <c>critical</c>. Default <c>warning</c>.</summary>
    public string? Severity { get; set; }

    /// <summary>Labels added to every alert of the rule; they override series labels of the same name.</summary>
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Annotation templates (<c>{{ $value }}</c>, <c>{{ $labels.name }}</c>, <c>{{ $detail }}</c>) rendered at each transition.</summary>
    public IDictionary<string, string>? Annotations { get; set; }

    /// <summary>The grid the rule is evaluated on when no sample arrives (Prometheus <c>evaluation_interval</c>). Default: the rule set's.</summary>
    public string? EvaluationInterval { get; set; }

    /// <summary>What the rule does when its series goes stale. Default: after 5m, resolve.</summary>
    public StalenessOptions? Staleness { get; set; }

    /// <summary>Detector: compare the latest sample with a limit.</summary>
    public ThresholdOptions? Threshold { get; set; }

    /// <summary>Detector: rate, increase, delta, deriv or percent change over a window.</summary>
    public RateOptions? Rate { get; set; }

    /// <summary>Detector: predict_linear over a window crossing a limit within a horizon.</summary>
    public TrendOptions? Trend { get; set; }

    /// <summary>Detector: a <c>*_over_time</c> aggregate over a window.</summary>
    public AggregateOptions? Aggregate { get; set; }

    /// <summary>Detector: no sample for a duration (absent_over_time).</summary>
    public AbsentOptions? Absent { get; set; }

    /// <summary>Detector: an aggregate of event-time tumbling windows.</summary>
    public WindowOptions? Window { get; set; }

    /// <summary>Detector: the series leaves its hour-of-week band (seasonal baseline).</summary>
    public BaselineOptions? Baseline { get; set; }

    /// <summary>Detector: the series' anomaly score, learned online from its own history, is above a limit.</summary>
    public AnomalyOptions? Anomaly { get; set; }

    /// <summary>Adds every problem of this rule to <paramref name="problems"/>, each as <c>path.field: what is wrong</c>.</summary>
    /// <param name="path">The rule's path, e.g. <c>rules[2]</c> or <c>RxMonitor:Rules:2</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(path.Key("Name"), $"is required");
        }

        if (string.IsNullOrWhiteSpace(Series))
        {
            problems.Add(path.Key("Series"), $"is required (a selector such as cpu_usage{{cpu=\"total\"}})");
        }
        else if (!SeriesSelector.TryParse(Series, out _, out var error))
        {
            problems.Add(path.Key("Series"), $"{error.Message}");
        }

        OptionChecks.Duration(For, path.Key("For"), problems, required: false, positive: false);
        OptionChecks.Duration(KeepFiringFor, path.Key("KeepFiringFor"), problems, required: false, positive: false);
        OptionChecks.Duration(EvaluationInterval, path.Key("EvaluationInterval"), problems, required: false, positive: true);
        OptionChecks.OneOf(Severity, path.Key("Severity"), problems, required: false, Severities);
        ValidateLabelNames(Labels, path.Key("Labels"), problems);
        ValidateLabelNames(Annotations, path.Key("Annotations"), problems);
        ValidateTemplates(Annotations, path.Key("Annotations"), problems);
        if (Labels is not null && Labels.Keys.Any(static k => k is "alertname" or "alertstate"))
        {
            problems.Add(path.Key("Labels"), $"'alertname' and 'alertstate' are set by the rule and cannot be configured");
        }

        Staleness?.Validate(path.Key("Staleness"), problems);
        ValidateDetector(path, problems);
    }

    /// <summary>Parses a severity name (case-insensitive), or returns <see langword="null"/> when it is not one.</summary>
    internal static Severity? ParseSeverity(string text) => Array.FindIndex(Severities, s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase)) switch
    {
        < 0 => null,
        var index => (Severity)index,
    };

    private void ValidateDetector(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        var set = new List<string>();
        if (Threshold is not null)
        {
            set.Add("threshold");
            Threshold.Validate(path.Key("Threshold"), problems);
        }

        if (Rate is not null)
        {
            set.Add("rate");
            Rate.Validate(path.Key("Rate"), problems);
        }

        if (Trend is not null)
        {
            set.Add("trend");
            Trend.Validate(path.Key("Trend"), problems);
        }

        if (Aggregate is not null)
        {
            set.Add("aggregate");
            Aggregate.Validate(path.Key("Aggregate"), problems);
        }

        if (Absent is not null)
        {
            set.Add("absent");
            Absent.Validate(path.Key("Absent"), problems);
        }

        if (Window is not null)
        {
            set.Add("window");
            Window.Validate(path.Key("Window"), problems);
        }

        if (Baseline is not null)
        {
            set.Add("baseline");
            Baseline.Validate(path.Key("Baseline"), problems);
        }

        if (Anomaly is not null)
        {
            set.Add("anomaly");
            Anomaly.Validate(path.Key("Anomaly"), problems);
        }

        if (set.Count == 0)
        {
            problems.Add(path, $"a detector is required: one of threshold, rate, trend, aggregate, absent, window, baseline, anomaly");
        }
        else if (set.Count > 1)
        {
            problems.Add(path, $"only one detector is allowed, found {string.Join(" and ", set)}");
        }
    }

    private static void ValidateTemplates(IDictionary<string, string>? annotations, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        foreach (var (name, text) in annotations ?? new Dictionary<string, string>())
        {
            if (text is not null && !AnnotationTemplate.TryParse(text, out _, out var error))
            {
                problems.Add(path.Entry(name), $"{error}");
            }
        }
    }

    private static void ValidateLabelNames(IDictionary<string, string>? labels, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (name, value) in labels)
        {
            if (!MetricNames.IsValidLabelName(name))
            {
                problems.Add(path.Entry(name), $"'{name}' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            else if (value is null)
            {
                problems.Add(path.Entry(name), $"must be a string");
            }
        }
    }
}
