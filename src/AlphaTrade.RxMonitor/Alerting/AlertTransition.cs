using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>One change of one alert, as recorded in <see cref="IAlertHistory"/>.</summary>
/// <param name="Alert">The alert after the change.</param>
/// <param name="Change">What changed.</param>
/// <param name="PreviousState">The state before the change; <see langword="null"/> when the alert is new.</param>
/// <param name="PreviousSeverity">The severity before the change; <see langword="null"/> when the alert is new.</param>
/// <param name="Timestamp">When the change happened: the event time for rule events, the manager's clock for timer-driven changes (silence expiry, flapping recovery).</param>
public sealed record AlertTransition(
    Alert Alert,
    AlertChange Change,
    AlertState? PreviousState,
    Severity? PreviousSeverity,
    DateTimeOffset Timestamp);
