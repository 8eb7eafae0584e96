namespace AlphaTrade.RxMonitor.Health;

/// <summary>The health of one component, with the reason and the figures it was judged on.</summary>
/// <param name="Name">The component's name, e.g. <c>database:trading</c>.</param>
/// <param name="Kind">What it is: <c>database</c>, <c>system</c>, <c>background-tasks</c>, <c>data-freshness</c>, <c>pipeline</c>, <c>health-check</c>.</param>
/// <param name="Status">Healthy, degraded or unhealthy.</param>
/// <param name="Reason">Why (every crossed threshold, joined with "; "), or "OK".</param>
/// <param name="Data">The figures, by name.</param>
public sealed record ComponentHealth(
    string Name,
    string Kind,
    HealthStatus Status,
    string Reason,
    IReadOnlyDictionary<string, object> Data)
{
    /// <summary>Whether two results say the same thing (name, status, reason), ignoring the figures' exact values.</summary>
    /// <param name="other">The other result.</param>
    /// <returns><see langword="true"/> when nothing a reader acts on changed.</returns>
    public bool SameVerdict(ComponentHealth other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && Status == other.Status && Reason == other.Reason;
    }
}
