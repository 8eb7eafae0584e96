using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>A silence as the HTTP API creates it: alerts whose labels match every matcher are muted from start to end.</summary>
/// <param name="Matchers">The label matchers, all of which must match (at least one does not match the empty value).</param>
/// <param name="StartsAt">When the silence begins.</param>
/// <param name="EndsAt">When it ends; after <paramref name="StartsAt"/>.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="Comment">Why.</param>
internal sealed record SilenceSpec(
    IReadOnlyList<LabelMatcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string CreatedBy,
    string Comment);
