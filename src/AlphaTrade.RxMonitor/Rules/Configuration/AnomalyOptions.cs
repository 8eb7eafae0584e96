using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Detectors.Anomaly;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// An anomaly detector: <c>{"above": 0.9}</c> breaches when the series' anomaly score (in [0, 1], learned online from
/// the series itself) is above 0.9 (see <see cref="AnomalyDetector"/> and <c>docs/anomaly.md</c>).
/// </summary>
/// <remarks>
/// As a threshold on the score: <see cref="Recovery"/> (hysteresis) or <see cref="Levels"/> (several severities; then
/// <c>above</c> and <c>recovery</c> belong to the levels). Scores are compared from above only.
/// </remarks>
public sealed class AnomalyOptions : IValidatableOptions
{
    /// <summary>Breached when the score is strictly greater than this; at least 0 and below 1.</summary>
    public double? Above { get; set; }

    /// <summary>Hysteresis for the single level: stays breached while the score is above this (not above <see cref="Above"/>). Default: none.</summary>
    public double? Recovery { get; set; }

    /// <summary>Severity levels, each with <c>above</c> (and optionally <c>recovery</c>), instead of <see cref="Above"/>.</summary>
    public IList<ThresholdLevelOptions>? Levels { get; set; }

    /// <summary>Samples of each series that only train the model before it scores. Default 750, from 10 to 100,000.</summary>
    public int? WarmupSamples { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].anomaly</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        if (WarmupSamples is { } warmup && warmup is < AnomalyDetector.MinWarmupSamples or > AnomalyDetector.MaxWarmupSamples)
        {
            problems.Add(path.Key(nameof(WarmupSamples)), FormattableString.Invariant(
                $"must be from {AnomalyDetector.MinWarmupSamples} to {AnomalyDetector.MaxWarmupSamples} (was {warmup})"));
        }

        if (Levels is null && Above is null)
        {
            problems.Add(path, $"set 'above' (a score from 0 to 1, e.g. 0.9) or 'levels'");
            return;
        }

        AsThreshold().Validate(path, problems);
        CheckScore(Above, path.Key("Above"), problems);
        for (var i = 0; i < (Levels?.Count ?? 0); i++)
        {
            if (Levels![i] is not { } level)
            {
                continue;
            }

            if (level.Below is not null)
            {
                problems.Add(path.Key("Levels").Index(i).Key("Below"), $"an anomaly score is compared from above; use 'above'");
            }

            CheckScore(level.Above, path.Key("Levels").Index(i).Key("Above"), problems);
        }
    }

    /// <summary>The same limits as threshold options, which build the detector's condition.</summary>
    internal ThresholdOptions AsThreshold() => new() { Above = Above, Recovery = Recovery, Levels = Levels };

    private static void CheckScore(double? value, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (value is { } v && double.IsFinite(v) && v is < 0 or >= 1)
        {
            problems.Add(path, $"must be at least 0 and below 1, the score lies in [0, 1] (was {v.ToString(CultureInfo.InvariantCulture)})");
        }
    }
}
