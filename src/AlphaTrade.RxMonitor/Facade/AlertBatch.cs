using System.Collections;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Facade;

/// <summary>
/// The alert events of one health-snapshot check (<see cref="SeedAlertManager.CheckMetrics"/>): one firing event per
/// breach — every simultaneous breach — and one resolved event per earlier breach that has cleared.
/// </summary>
/// <remarks>
/// Never empty: <see cref="SeedAlertManager.CheckMetrics"/> returns <see langword="null"/> instead, so the seed's
/// <c>if (alertManager.CheckMetrics(metrics) is { } alert) await alertManager.ProcessAlertAsync(alert);</c> works
/// as written. Events are in check order. Immutable; safe to share between threads.
/// </remarks>
public sealed class AlertBatch : IReadOnlyList<AlertEvent>
{
    private readonly AlertEvent[] _events;

    internal AlertBatch(AlertEvent[] events)
    {
        _events = events;
        Firing = [.. events.Where(static e => e.State == AlertState.Firing)];
        Resolved = [.. events.Where(static e => e.State == AlertState.Resolved)];
    }

    /// <summary>The breaches: one firing event per check whose threshold is crossed.</summary>
    public IReadOnlyList<AlertEvent> Firing { get; }

    /// <summary>The checks that fired earlier (an active alert in the manager) and no longer breach.</summary>
    public IReadOnlyList<AlertEvent> Resolved { get; }

    /// <inheritdoc />
    public int Count => _events.Length;

    /// <inheritdoc />
    public AlertEvent this[int index] => _events[index];

    /// <inheritdoc />
    public IEnumerator<AlertEvent> GetEnumerator() => ((IEnumerable<AlertEvent>)_events).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The rule names and states, for logs and test messages.</summary>
    /// <returns>E.g. <c>HighCpu firing, DiskSpaceHigh resolved</c>.</returns>
    public override string ToString() => string.Join(", ", _events.Select(static e => $"{e.RuleName} {e.State.ToString().ToLowerInvariant()}"));
}
