namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// A trend detector: <c>{"window":"10m","horizon":"1h","below":0}</c> is PromQL
/// <c>predict_linear(series[10m], 3600) &lt; 0</c>.
/// </summary>
/// <remarks>The alert's detail value (<c>{{ $detail }}</c>) is the time in seconds until the trend crosses the limit.</remarks>
public sealed class TrendOptions : ConditionOptions
{
    /// <summary>The range the linear regression is fitted over, a Prometheus duration. Required.</summary>
    public string? Window { get; set; }

    /// <summary>How far ahead to predict, a Prometheus duration (the seconds argument of predict_linear). Required.</summary>
    public string? Horizon { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].trend</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(string path, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        OptionChecks.Duration(Window, $"{path}.window", problems, required: true, positive: true);
        OptionChecks.Duration(Horizon, $"{path}.horizon", problems, required: true, positive: false);
        ValidateCondition(path, problems);
    }
}
