using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>What a sink factory gets besides the sink's options: the receiver, time, HTTP, failure reporting and the external URL.</summary>
/// <param name="Receiver">The receiver the sink belongs to.</param>
/// <param name="TimeProvider">The manager's clock and timers.</param>
/// <param name="HttpClient">The shared HTTP client (owned by the alert manager unless given to it).</param>
/// <param name="FailureListener">Where isolated failures go, when set.</param>
/// <param name="ExternalUrl">The URL linking back to this monitor, when configured.</param>
public sealed record AlertSinkContext(
    string Receiver,
    TimeProvider TimeProvider,
    HttpClient HttpClient,
    IFailureListener? FailureListener,
    Uri? ExternalUrl)
{
    /// <summary>The sink's name for diagnostics: its configured <see cref="SinkOptions.Name"/>, else <c>type:receiver</c>.</summary>
    public string SinkName { get; init; } = Receiver;

    /// <summary>The application's services (<see cref="AlertSinkRegistry.Services"/>), when the monitor is embedded with <c>AddRxMonitor</c>; or null.</summary>
    public IServiceProvider? Services { get; init; }
}
