using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>How close one resource instance is to its limit.</summary>
/// <param name="Resource">The resource's name (<see cref="ResourceDefinition.Name"/>).</param>
/// <param name="Series">The usage series (its labels say which mount, database, …).</param>
/// <param name="Current">The latest value.</param>
/// <param name="Limit">The limit.</param>
/// <param name="At">When <see cref="Current"/> was recorded (the start of its history bucket).</param>
public sealed record ResourceSaturation(string Resource, SeriesKey Series, double Current, double Limit, DateTimeOffset At)
{
    /// <summary>Current / limit: 0 idle, 1 exhausted (may exceed 1).</summary>
    public double Saturation => Current / Limit;
}
