namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>One sink of a receiver, as configured.</summary>
public sealed class SinkOptions
{
    /// <summary>The sink type: <c>console</c>, <c>webhook</c>, <c>alertmanager</c>, or a type registered in <see cref="AlertSinkRegistry"/> (e.g. <c>serilog</c>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>A name for diagnostics (default: the type and the receiver).</summary>
    public string? Name { get; set; }

    /// <summary>For <c>webhook</c>: the URL posted to; for <c>alertmanager</c>: the Alertmanager base URL (e.g. <c>http://127.0.0.1:9093</c>).</summary>
    public string? Url { get; set; }

    /// <summary>For <c>alertmanager</c>: how often firing alerts are re-sent (default <c>1m</c>); their <c>endsAt</c> is four times this ahead.</summary>
    public string? ResendInterval { get; set; }

    /// <summary>Delivery settings for this sink; unset values use <see cref="Alerting.AlertingOptions.Delivery"/>.</summary>
    public SinkDeliveryOptions? Delivery { get; set; }
}
