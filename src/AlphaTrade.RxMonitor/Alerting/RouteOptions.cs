namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>One node of the route tree (Alertmanager's <c>route</c>): which alerts it takes, how it groups them, where they go.</summary>
/// <remarks>
/// Unset values (<see langword="null"/>) inherit from the parent; the root's unset values take Alertmanager's
/// defaults (group wait 30s, group interval 5m, repeat interval 4h, no grouping). Durations use Prometheus
/// notation (<c>30s</c>, <c>5m</c>, <c>4h</c>). A bindable plain class.
/// </remarks>
public sealed class RouteOptions
{
    /// <summary>The receiver name; required on the root, inherited below it.</summary>
    public string? Receiver { get; set; }

    /// <summary>Matchers in Alertmanager notation (<c>severity="critical"</c>, <c>team=~"db|infra"</c>); all must match. Ignored on the root.</summary>
    public List<string> Matchers { get; set; } = [];

    /// <summary>The labels that split alerts into groups; <c>["..."]</c> groups by every label; <see langword="null"/> inherits; empty means one group.</summary>
    public List<string>? GroupBy { get; set; }

    /// <summary>How long a new group waits for more alerts before its first notification (default 30s).</summary>
    public string? GroupWait { get; set; }

    /// <summary>How long a group waits between notifications about changes (default 5m).</summary>
    public string? GroupInterval { get; set; }

    /// <summary>How long before an unchanged firing group is notified again (default 4h).</summary>
    public string? RepeatInterval { get; set; }

    /// <summary>Whether matching goes on to the next sibling after this route matched (default false).</summary>
    public bool Continue { get; set; }

    /// <summary>Child routes, tried in order.</summary>
    public List<RouteOptions> Routes { get; set; } = [];
}
