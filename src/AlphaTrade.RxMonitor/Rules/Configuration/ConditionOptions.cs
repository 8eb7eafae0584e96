using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>The comparison a detector applies to its value: breached when above a limit, or below one.</summary>
/// <remarks>Exactly one of <see cref="Above"/> and <see cref="Below"/> must be set; comparisons are strict, as in PromQL.</remarks>
public abstract class ConditionOptions
{
    /// <summary>Breached when the value is strictly greater than this (PromQL <c>&gt;</c>).</summary>
    public double? Above { get; set; }

    /// <summary>Breached when the value is strictly less than this (PromQL <c>&lt;</c>).</summary>
    public double? Below { get; set; }

    /// <summary>The limit that is set, and whether it is an upper one; valid only after validation passed.</summary>
    internal (double Limit, bool IsAbove) Limit => Above is { } above ? (above, true) : (Below!.Value, false);

    /// <summary>Adds the problems with <see cref="Above"/> and <see cref="Below"/> to <paramref name="problems"/>.</summary>
    /// <param name="path">The path of these options, e.g. <c>rules[2].rate</c>.</param>
    /// <param name="problems">Where to add each problem as <c>path.field: what is wrong</c>.</param>
    protected void ValidateCondition(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Above is null && Below is null)
        {
            problems.Add(path, $"set either 'above' or 'below'");
        }
        else if (Above is not null && Below is not null)
        {
            problems.Add(path, $"set only one of 'above' and 'below'");
        }

        CheckFinite(Above, path.Key("Above"), problems);
        CheckFinite(Below, path.Key("Below"), problems);
    }

    /// <summary>Adds a problem when <paramref name="value"/> is set and not a finite number.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path.</param>
    /// <param name="problems">The problem list.</param>
    protected static void CheckFinite(double? value, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (value is { } v && !double.IsFinite(v))
        {
            problems.Add(path, $"must be a finite number, not {v.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
