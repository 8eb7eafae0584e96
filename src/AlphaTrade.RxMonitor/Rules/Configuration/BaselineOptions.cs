using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// A seasonal-baseline detector: <c>{"deviations": 3, "minWeeks": 2}</c> breaches when the series lies more than
/// 3 standard deviations from the mean of the same hour of the week in past weeks (see <see cref="Detectors.BaselineDetector"/>).
/// </summary>
public sealed class BaselineOptions : IValidatableOptions
{
    /// <summary>The band's half-width in standard deviations (|z| &gt; deviations breaches). Required, above zero.</summary>
    public double? Deviations { get; set; }

    /// <summary>Weeks of history the current hour of the week needs before the rule can breach. Default 2, at least 2.</summary>
    public int? MinWeeks { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].baseline</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        if (Deviations is not { } deviations)
        {
            problems.Add(path.Key("Deviations"), $"is required (standard deviations from the hour-of-week mean, e.g. 3)");
        }
        else if (!(deviations > 0))
        {
            problems.Add(path.Key("Deviations"), $"must be above 0 (was {deviations})");
        }

        if (MinWeeks is < 2)
        {
            problems.Add(path.Key("MinWeeks"), $"must be at least 2, a spread needs two weeks (was {MinWeeks})");
        }
    }
}
