namespace AlphaTrade.RxMonitor.Health;

/// <summary>The health of every component and the overall status (the worst of them).</summary>
/// <param name="Status">The worst component status; healthy without components.</param>
/// <param name="Components">Each component's result, in registration order.</param>
/// <param name="Timestamp">When the checks ran, on the monitor's clock.</param>
public sealed record HealthReport(HealthStatus Status, IReadOnlyList<ComponentHealth> Components, DateTimeOffset Timestamp)
{
    /// <summary>Builds a report whose status is the worst of <paramref name="components"/>.</summary>
    /// <param name="components">The component results.</param>
    /// <param name="timestamp">When the checks ran.</param>
    /// <returns>The report.</returns>
    public static HealthReport From(IReadOnlyList<ComponentHealth> components, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(components);
        var worst = HealthStatus.Healthy;
        foreach (var component in components)
        {
            worst = component.Status > worst ? component.Status : worst;
        }

        return new HealthReport(worst, components, timestamp);
    }

    /// <summary>Whether this report says the same as <paramref name="other"/> for every component (see <see cref="ComponentHealth.SameVerdict"/>).</summary>
    /// <param name="other">The other report.</param>
    /// <returns><see langword="true"/> when no status or reason changed.</returns>
    public bool SameVerdict(HealthReport? other)
    {
        if (other is null || other.Status != Status || other.Components.Count != Components.Count)
        {
            return false;
        }

        for (var i = 0; i < Components.Count; i++)
        {
            if (!Components[i].SameVerdict(other.Components[i]))
            {
                return false;
            }
        }

        return true;
    }
}
