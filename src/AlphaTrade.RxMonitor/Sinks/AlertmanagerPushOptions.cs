using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>Settings of an <see cref="AlertmanagerPushSink"/>.</summary>
public sealed class AlertmanagerPushOptions
{
    /// <summary>The default re-send interval, Prometheus's <c>resend_delay</c> of one minute.</summary>
    public static readonly TimeSpan DefaultResendInterval = TimeSpan.FromMinutes(1);

    /// <summary>The sink's name (default <c>alertmanager</c>).</summary>
    public string Name { get; init; } = "alertmanager";

    /// <summary>How often firing alerts are re-sent; their <c>endsAt</c> is four times this ahead (as Prometheus does).</summary>
    public TimeSpan ResendInterval { get; init; } = DefaultResendInterval;

    /// <summary>The <c>generatorURL</c> of pushed alerts.</summary>
    public Uri? GeneratorUrl { get; init; }

    /// <summary>Where failures of timer-driven re-sends are reported.</summary>
    public IFailureListener? FailureListener { get; init; }
}
