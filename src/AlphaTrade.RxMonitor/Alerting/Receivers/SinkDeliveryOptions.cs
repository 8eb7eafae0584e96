using System.Threading.Channels;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>How notifications reach one sink: its bounded queue, retries with backoff and jitter, attempt timeout and circuit breaker.</summary>
/// <remarks>Durations use Prometheus notation. A bindable plain class; every value has a documented default.</remarks>
public sealed class SinkDeliveryOptions
{
    /// <summary>The queue's capacity in notifications (default 1000).</summary>
    public int? Capacity { get; set; }

    /// <summary>What a full queue drops: <c>DropOldest</c> (default), <c>DropNewest</c> or <c>DropWrite</c>; <c>Wait</c> is refused (it would block the alert manager).</summary>
    public BoundedChannelFullMode? FullMode { get; set; }

    /// <summary>Retries after the first failed attempt (default 3).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The first retry's base delay, doubled each retry, with jitter (default <c>1s</c>).</summary>
    public string? BaseDelay { get; set; }

    /// <summary>The longest retry delay (default <c>1m</c>).</summary>
    public string? MaxDelay { get; set; }

    /// <summary>How long one attempt may take before it is abandoned as failed (default <c>10s</c>).</summary>
    public string? Timeout { get; set; }

    /// <summary>Consecutive failed attempts that open the circuit (default 5).</summary>
    public int? BreakerFailureThreshold { get; set; }

    /// <summary>How long an open circuit rejects notifications before one trial attempt (default <c>30s</c>).</summary>
    public string? BreakDuration { get; set; }
}
