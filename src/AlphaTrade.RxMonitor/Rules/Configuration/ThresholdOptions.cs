using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// A threshold detector: <c>{"above": 90}</c> is PromQL <c>series &gt; 90</c>, <c>{"below": 10}</c> is <c>series &lt; 10</c>.
/// </summary>
/// <remarks>
/// Beyond Prometheus: <see cref="Recovery"/> (hysteresis), <see cref="Consecutive"/> (N breached evaluations
/// in a row before the condition holds) and <see cref="Levels"/> (several severities in one rule; then
/// <c>above</c>, <c>below</c> and <c>recovery</c> belong to the levels, not here).
/// </remarks>
public sealed class ThresholdOptions : ConditionOptions, IValidatableOptions
{
    /// <summary>Hysteresis for the single level: see <see cref="ThresholdLevelOptions.Recovery"/>. Default: none.</summary>
    public double? Recovery { get; set; }

    /// <summary>How many evaluations in a row must breach before the condition holds. Default 1 (as Prometheus).</summary>
    public int? Consecutive { get; set; }

    /// <summary>Severity levels, instead of <c>above</c>/<c>below</c>; the rule's <c>severity</c> is then unused.</summary>
    public IList<ThresholdLevelOptions>? Levels { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].threshold</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        if (Consecutive is < 1)
        {
            problems.Add(path.Key("Consecutive"), $"must be at least 1");
        }

        if (Levels is null)
        {
            ValidateCondition(path, problems);
            ValidateRecovery(Above, Below, Recovery, path, problems);
            return;
        }

        if (Above is not null || Below is not null || Recovery is not null)
        {
            problems.Add(path, $"with 'levels', put 'above', 'below' and 'recovery' in each level");
        }

        if (Levels.Count == 0)
        {
            problems.Add(path.Key("Levels"), $"must hold at least one level");
            return;
        }

        for (var i = 0; i < Levels.Count; i++)
        {
            if (Levels[i] is null)
            {
                problems.Add(path.Key("Levels").Index(i), $"must be an object");
                continue;
            }

            Levels[i].Validate(path.Key("Levels").Index(i), problems);
        }

        ValidateLevelOrder(path, problems);
    }

    /// <summary>Checks that a recovery value lies on the normal side of the limit.</summary>
    internal static void ValidateRecovery(double? above, double? below, double? recovery, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        CheckFinite(recovery, path.Key("Recovery"), problems);
        if (recovery is not { } r || !double.IsFinite(r))
        {
            return;
        }

        if (above is { } a && r > a)
        {
            problems.Add(path.Key("Recovery"), $"must not be greater than 'above' ({Text(a)}) for an upper limit, got {Text(r)}");
        }
        else if (below is { } b && r < b)
        {
            problems.Add(path.Key("Recovery"), $"must not be less than 'below' ({Text(b)}) for a lower limit, got {Text(r)}");
        }
    }

    private void ValidateLevelOrder(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        var levels = Levels!.Where(static l => l is not null && l.Severity is not null && (l.Above is null) != (l.Below is null))
            .Select(l => (Level: l, Severity: RuleOptions.ParseSeverity(l.Severity!)))
            .Where(static x => x.Severity is not null)
            .ToList();
        if (levels.Any(static x => x.Level.Above is not null) && levels.Any(static x => x.Level.Below is not null))
        {
            problems.Add(path.Key("Levels"), $"all levels must use the same direction (all 'above' or all 'below')");
            return;
        }

        var seen = new HashSet<Metrics.Severity>();
        foreach (var (level, severity) in levels)
        {
            if (!seen.Add(severity!.Value))
            {
                problems.Add(path.Key("Levels"), $"severity '{level.Severity}' appears more than once");
            }
        }

        var ordered = levels.OrderBy(static x => x.Severity).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var (lower, higher) = (ordered[i - 1].Level, ordered[i].Level);
            var wrong = lower.Above is { } la ? higher.Above <= la : higher.Below >= lower.Below;
            if (wrong && ordered[i - 1].Severity != ordered[i].Severity)
            {
                problems.Add(path.Key("Levels"), $"the {higher.Severity} level must have a more extreme limit than the {lower.Severity} level");
            }
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
