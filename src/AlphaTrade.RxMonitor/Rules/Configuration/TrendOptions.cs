using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// A trend detector: <c>{"window":"10m","horizon":"1h","below":0}</c> is PromQL
/// <c>predict_linear(series[10m], 3600) &lt; 0</c>; with <c>"function":"slope"</c> it is PromQL <c>deriv(series[10m])</c>
/// (the least-squares slope per second over the window, the same detector as <c>"rate":{"function":"deriv"}</c>) and
/// takes no horizon.
/// </summary>
/// <remarks>For predict_linear the alert's detail value (<c>{{ $detail }}</c>) is the time in seconds until the trend crosses the limit.</remarks>
public sealed class TrendOptions : ConditionOptions, IValidatableOptions
{
    /// <summary>The functions <see cref="Function"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Functions = ["predict_linear", "slope"];

    /// <summary><c>predict_linear</c> (default) or <c>slope</c>.</summary>
    public string? Function { get; set; }

    /// <summary>The range the linear regression is fitted over, a Prometheus duration. Required.</summary>
    public string? Window { get; set; }

    /// <summary>How far ahead to predict, a Prometheus duration (the seconds argument of predict_linear). Required for predict_linear.</summary>
    public string? Horizon { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].trend</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        var function = OptionChecks.OneOf(Function, path.Key("Function"), problems, required: false, [.. Functions]);
        OptionChecks.Duration(Window, path.Key("Window"), problems, required: true, positive: true);
        if (function == "slope")
        {
            if (Horizon is not null)
            {
                problems.Add(path.Key("Horizon"), $"applies only to predict_linear");
            }
        }
        else
        {
            OptionChecks.Duration(Horizon, path.Key("Horizon"), problems, required: true, positive: false);
        }

        ValidateCondition(path, problems);
    }
}
