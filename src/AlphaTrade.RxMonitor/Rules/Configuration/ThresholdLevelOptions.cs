using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>One severity level of a multi-level threshold: <c>{"severity":"critical","above":95,"recovery":90}</c>.</summary>
/// <remarks>
/// Beyond Prometheus. All levels of a rule point the same way (all <c>above</c> or all <c>below</c>); a higher
/// severity has a more extreme limit. The alert fires at the most severe breached level and escalates or
/// de-escalates inside one alert instance.
/// </remarks>
public sealed class ThresholdLevelOptions : ConditionOptions, IValidatableOptions
{
    /// <summary>The level's severity: <c>info</c>, <c>warning</c>, <c>error</c> or <c>critical</c>. Required.</summary>
    public string? Severity { get; set; }

    /// <summary>
    /// Hysteresis: once breached, the level stays breached until the value crosses back past this value
    /// (below it for <c>above</c>, above it for <c>below</c>). Default: none (the limit itself).
    /// </summary>
    public double? Recovery { get; set; }

    /// <summary>Adds every problem of this level to <paramref name="problems"/>.</summary>
    /// <param name="path">The level's path, e.g. <c>rules[0].threshold.levels[1]</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        OptionChecks.OneOf(Severity, path.Key("Severity"), problems, required: true, RuleOptions.Severities);
        ValidateCondition(path, problems);
        ThresholdOptions.ValidateRecovery(Above, Below, Recovery, path, problems);
    }
}
