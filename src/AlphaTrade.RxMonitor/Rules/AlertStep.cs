using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>One step of the alert state machine: the next state and the transition to emit, if any.</summary>
/// <param name="Next">The alert's state after the step.</param>
/// <param name="Emitted">The state an <see cref="AlertEvent"/> reports for this step; <see langword="null"/> when nothing is emitted.</param>
internal readonly record struct AlertStep(AlertInstance Next, AlertState? Emitted);
