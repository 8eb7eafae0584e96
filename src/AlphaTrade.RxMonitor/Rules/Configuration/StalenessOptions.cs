using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>What a rule does when its series goes stale: <c>{"after":"5m","policy":"resolve"}</c>.</summary>
/// <remarks>
/// A series is stale when more than <see cref="After"/> has passed since its last sample (Prometheus's
/// 5-minute lookback). Policies: <c>resolve</c> (default, as Prometheus: the alert ends), <c>keep</c> (the alert
/// keeps its last state until data returns), <c>nodata</c> (the alert ends and a NoData alert is raised).
/// </remarks>
public sealed class StalenessOptions : IValidatableOptions
{
    /// <summary>The policies <see cref="Policy"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Policies = ["resolve", "keep", "nodata"];

    /// <summary>The staleness period, a Prometheus duration above zero. Default <c>5m</c>.</summary>
    public string? After { get; set; }

    /// <summary>The policy: <c>resolve</c>, <c>keep</c> or <c>nodata</c>. Default <c>resolve</c>.</summary>
    public string? Policy { get; set; }

    /// <summary>Adds every problem of these options to <paramref name="problems"/>.</summary>
    /// <param name="path">The options' path, e.g. <c>rules[2].staleness</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        OptionChecks.Duration(After, path.Key("After"), problems, required: false, positive: true);
        OptionChecks.OneOf(Policy, path.Key("Policy"), problems, required: false, [.. Policies]);
    }
}
