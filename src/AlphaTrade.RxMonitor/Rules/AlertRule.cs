using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// An alerting rule: a selector, a detector (ours or any Rx query), and Prometheus's <c>for</c> /
/// <c>keep_firing_for</c>, labels and annotation templates, plus a staleness policy and evaluation interval.
/// </summary>
/// <remarks>
/// <para>
/// Immutable once built; the constructor and <c>init</c> setters validate (only programmer errors throw).
/// Run it with <c>samples.EvaluateRule(rule, scheduler)</c> or <c>EvaluateRules</c>; see <c>docs/rules.md</c>
/// for the evaluation model and the alert state machine (Prometheus 2.42 <c>rules/alerting.go</c> semantics).
/// </para>
/// <para>
/// Breach severities come from the detector (its <see cref="ThresholdCondition"/> levels, or a user
/// detector's signals). <see cref="Severity"/> is the severity of the events the rule raises itself: NoData
/// alerts and the rule-fault alert.
/// </para>
/// </remarks>
public sealed class AlertRule
{
    private readonly TimeSpan _for;
    private readonly TimeSpan _keepFiringFor;
    private static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(5);
    private readonly TimeSpan _staleAfter = DefaultStaleAfter;
    private readonly TimeSpan? _evaluationInterval;
    private readonly LabelSet _labels = LabelSet.Empty;
    private readonly IReadOnlyDictionary<string, AnnotationTemplate> _annotations = new Dictionary<string, AnnotationTemplate>();
    private readonly Severity _severity = Severity.Warning;
    private readonly StalenessPolicy _stalenessPolicy;

    /// <summary>Creates a rule evaluated by a built-in or custom <see cref="IDetector"/>.</summary>
    /// <param name="name">The rule's name, also the <c>alertname</c> label; not empty.</param>
    /// <param name="selector">The series the rule watches.</param>
    /// <param name="detector">The detector, instantiated per series (or per group, for an <see cref="IGroupingDetector"/>).</param>
    public AlertRule(string name, SeriesSelector selector, IDetector detector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(detector);
        Name = name;
        Selector = selector;
        Detector = detector;
    }

    /// <summary>Creates a rule evaluated by a user's own detector: any Rx query from the rule's samples to signals.</summary>
    /// <param name="name">The rule's name, also the <c>alertname</c> label; not empty.</param>
    /// <param name="selector">The series the rule watches; only matching samples reach the query.</param>
    /// <param name="detectorQuery">
    /// Called once per matching series with that series' samples (the query is adapted into an <see cref="IDetector"/>,
    /// so the rule runs like any other); each signal it yields about the series drives the series' alert from the
    /// signal's time, and holds until the next signal or until <see cref="StaleAfter"/> has passed (then it is no data).
    /// </param>
    public AlertRule(string name, SeriesSelector selector, Func<IObservable<MetricSample>, IObservable<DetectorSignal>> detectorQuery)
        : this(name, selector, new QueryDetector(detectorQuery ?? throw new ArgumentNullException(nameof(detectorQuery)), DefaultStaleAfter))
    {
        DetectorQuery = detectorQuery;
    }

    private AlertRule(AlertRule rule, IDetector detector)
        : this(rule.Name, rule.Selector, detector)
    {
        _for = rule._for;
        _keepFiringFor = rule._keepFiringFor;
        _severity = rule._severity;
        _labels = rule._labels;
        _annotations = rule._annotations;
        _staleAfter = rule._staleAfter;
        _stalenessPolicy = rule._stalenessPolicy;
        _evaluationInterval = rule._evaluationInterval;
        Definition = rule.Definition;
    }

    /// <summary>The rule's name, also the <c>alertname</c> label.</summary>
    public string Name { get; }

    /// <summary>The series the rule watches.</summary>
    public SeriesSelector Selector { get; }

    /// <summary>The detector: a built-in or custom one, or the adapter of <see cref="DetectorQuery"/>.</summary>
    public IDetector Detector { get; private init; }

    /// <summary>The user's detector query, when the rule was built from one (<see cref="Detector"/> then runs it); otherwise <see langword="null"/>.</summary>
    public Func<IObservable<MetricSample>, IObservable<DetectorSignal>>? DetectorQuery { get; }

    /// <summary>How long the condition must hold before a pending alert fires (Prometheus <c>for</c>). Default 0: fire at once.</summary>
    public TimeSpan For
    {
        get => _for;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(For));
            _for = value;
        }
    }

    /// <summary>How long a firing alert keeps firing after its condition stops (Prometheus <c>keep_firing_for</c>). Default 0.</summary>
    public TimeSpan KeepFiringFor
    {
        get => _keepFiringFor;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(KeepFiringFor));
            _keepFiringFor = value;
        }
    }

    /// <summary>The severity of the rule's own NoData and rule-fault alerts (breaches take the detector's). Default <see cref="Severity.Warning"/>.</summary>
    public Severity Severity
    {
        get => _severity;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Severity), value, "Unknown severity.");
            }

            _severity = value;
        }
    }

    /// <summary>Labels added to every alert; they override series labels of the same name. Must not hold <c>alertname</c>.</summary>
    public LabelSet Labels
    {
        get => _labels;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Labels));
            if (value.Get(AlertLabels.AlertName) is not null)
            {
                throw new ArgumentException("Rule labels must not set 'alertname'; it is the rule's name.", nameof(Labels));
            }

            _labels = value;
        }
    }

    /// <summary>Annotation templates by annotation name, rendered at each transition (see <see cref="AnnotationTemplate"/>).</summary>
    /// <exception cref="ArgumentException">A template does not parse; the message names the annotation and the column.</exception>
    public IReadOnlyDictionary<string, string> Annotations
    {
        get => _annotations.ToDictionary(static a => a.Key, static a => a.Value.Text, StringComparer.Ordinal);
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Annotations));
            var parsed = new Dictionary<string, AnnotationTemplate>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var (key, text) in value)
            {
                if (AnnotationTemplate.TryParse(text ?? string.Empty, out var template, out var error))
                {
                    parsed[key] = template;
                }
                else
                {
                    problems.Add($"annotations.{key}: {error}");
                }
            }

            if (problems.Count > 0)
            {
                throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(Annotations));
            }

            _annotations = parsed;
        }
    }

    /// <summary>How long without a sample (or, for a detector query, without a signal) makes a series stale. Default 5 minutes.</summary>
    public TimeSpan StaleAfter
    {
        get => _staleAfter;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(StaleAfter));
            _staleAfter = value;
            if (DetectorQuery is { } query)
            {
                Detector = new QueryDetector(query, value);
            }
        }
    }

    /// <summary>What a stale series does to its alert. Default <see cref="StalenessPolicy.Resolve"/> (Prometheus semantics).</summary>
    public StalenessPolicy StalenessPolicy
    {
        get => _stalenessPolicy;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(StalenessPolicy), value, "Unknown staleness policy.");
            }

            _stalenessPolicy = value;
        }
    }

    /// <summary>The rule's evaluation grid; <see langword="null"/> (default) uses <see cref="RuleEvaluationOptions.EvaluationInterval"/>.</summary>
    public TimeSpan? EvaluationInterval
    {
        get => _evaluationInterval;
        init
        {
            if (value is { } interval)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(EvaluationInterval));
            }

            _evaluationInterval = value;
        }
    }

    /// <summary>
    /// The rule's definition as text (a configured rule's settings, set by the configuration), which tells a reload
    /// whether the rule changed; <see langword="null"/> (default) for a rule built in code, which then stays the same rule
    /// only as the same instance.
    /// </summary>
    /// <remarks>
    /// When a <see cref="ReloadableRuleSet"/> replaces its rules, a rule with the same <see cref="Name"/>, the same
    /// effective evaluation interval and either the same instance or the same non-null definition keeps its alert
    /// state; any other rule restarts.
    /// </remarks>
    public string? Definition { get; init; }

    internal IReadOnlyDictionary<string, AnnotationTemplate> AnnotationTemplates => _annotations;

    /// <summary>A copy of this rule with <paramref name="detector"/> instead of its detector (or detector query); every other setting is kept.</summary>
    /// <param name="detector">The new detector.</param>
    /// <returns>The copy.</returns>
    public AlertRule WithDetector(IDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return new AlertRule(this, detector);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Selector}";
}
