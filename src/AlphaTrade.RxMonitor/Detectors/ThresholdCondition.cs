using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// The comparison every built-in detector applies to its value: a direction, one or more severity levels
/// (each with an optional recovery value for hysteresis) and a number of consecutive breaches required.
/// </summary>
/// <remarks>
/// <para>
/// With one level, no recovery and <see cref="Consecutive"/> = 1 this is exactly PromQL's <c>expr &gt; t</c>
/// (or <c>&lt;</c>). Beyond Prometheus: each level enters after <see cref="Consecutive"/> observations in a
/// row strictly beyond its threshold, and leaves at the first observation not strictly beyond its recovery
/// value; the reported severity is the highest level entered, so one alert escalates and de-escalates
/// between levels. What counts as an observation is the detector's: a new sample for an instant threshold,
/// an evaluation for a range function. A "no data" evaluation clears every level.
/// </para>
/// <para>Immutable and thread-safe; validated on construction.</para>
/// </remarks>
public sealed class ThresholdCondition
{
    private readonly ThresholdLevel[] _levels;

    /// <summary>Creates a condition with several levels.</summary>
    /// <param name="direction">Which side of the thresholds breaches.</param>
    /// <param name="levels">At least one level; thresholds and recoveries finite, recoveries on the safe side of their thresholds.</param>
    /// <param name="consecutive">Observations in a row beyond a level's threshold before it is breached; at least 1.</param>
    /// <exception cref="ArgumentException">A level is invalid; the message lists every problem.</exception>
    public ThresholdCondition(ThresholdDirection direction, IEnumerable<ThresholdLevel> levels, int consecutive = 1)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown threshold direction.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(consecutive, 1);
        _levels = [.. levels];
        var problems = Validate(direction, _levels);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(levels));
        }

        Direction = direction;
        Consecutive = consecutive;
    }

    /// <summary>Which side of the thresholds breaches.</summary>
    public ThresholdDirection Direction { get; }

    /// <summary>The levels, in the order given.</summary>
    public IReadOnlyList<ThresholdLevel> Levels => _levels;

    /// <summary>Observations in a row beyond a level's threshold before the level is breached.</summary>
    public int Consecutive { get; }

    internal ReadOnlySpan<ThresholdLevel> LevelSpan => _levels;

    /// <summary>A single-level condition: breach strictly above <paramref name="threshold"/> (PromQL <c>x &gt; threshold</c>).</summary>
    /// <param name="threshold">The threshold.</param>
    /// <param name="severity">The severity of a breach.</param>
    /// <param name="recovery">Optional hysteresis: stays breached while above this value (≤ threshold).</param>
    /// <param name="consecutive">Samples/evaluations in a row above the threshold before it breaches.</param>
    /// <returns>The condition.</returns>
    public static ThresholdCondition Above(double threshold, Severity severity = Severity.Warning, double? recovery = null, int consecutive = 1) =>
        new(ThresholdDirection.Above, [new ThresholdLevel(severity, threshold, recovery)], consecutive);

    /// <summary>A single-level condition: breach strictly below <paramref name="threshold"/> (PromQL <c>x &lt; threshold</c>).</summary>
    /// <param name="threshold">The threshold.</param>
    /// <param name="severity">The severity of a breach.</param>
    /// <param name="recovery">Optional hysteresis: stays breached while below this value (≥ threshold).</param>
    /// <param name="consecutive">Samples/evaluations in a row below the threshold before it breaches.</param>
    /// <returns>The condition.</returns>
    public static ThresholdCondition Below(double threshold, Severity severity = Severity.Warning, double? recovery = null, int consecutive = 1) =>
        new(ThresholdDirection.Below, [new ThresholdLevel(severity, threshold, recovery)], consecutive);

    /// <summary>Whether <paramref name="value"/> is strictly beyond <paramref name="limit"/> in this condition's direction.</summary>
    /// <param name="value">The value.</param>
    /// <param name="limit">The threshold or recovery value.</param>
    /// <returns><see langword="true"/> when beyond; never for NaN.</returns>
    public bool IsBeyond(double value, double limit) => Direction == ThresholdDirection.Above ? value > limit : value < limit;

    private static List<string> Validate(ThresholdDirection direction, ThresholdLevel[] levels)
    {
        var problems = new List<string>();
        if (levels.Length == 0)
        {
            problems.Add("A threshold condition needs at least one level.");
        }

        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level is null)
            {
                problems.Add($"levels[{i}] is null.");
                continue;
            }

            if (!double.IsFinite(level.Threshold))
            {
                problems.Add($"levels[{i}].threshold must be a finite number, not {level.Threshold}.");
            }

            if (level.Recovery is { } recovery)
            {
                if (!double.IsFinite(recovery))
                {
                    problems.Add($"levels[{i}].recovery must be a finite number, not {recovery}.");
                }
                else if (direction == ThresholdDirection.Above && recovery > level.Threshold)
                {
                    problems.Add($"levels[{i}].recovery ({recovery}) must not be above its threshold ({level.Threshold}) for an 'above' condition.");
                }
                else if (direction == ThresholdDirection.Below && recovery < level.Threshold)
                {
                    problems.Add($"levels[{i}].recovery ({recovery}) must not be below its threshold ({level.Threshold}) for a 'below' condition.");
                }
            }

            if (!Enum.IsDefined(level.Severity))
            {
                problems.Add($"levels[{i}].severity {level.Severity} is not a severity.");
            }
        }

        return problems;
    }
}
