using AlphaTrade.RxMonitor.Alerting.Receivers;
namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>A named receiver: the sinks a routed notification goes to.</summary>
public sealed class ReceiverOptions
{
    /// <summary>The receiver's name, unique; routes refer to it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Whether resolved alerts are sent to this receiver (default true, as Alertmanager's webhook).</summary>
    public bool SendResolved { get; set; } = true;

    /// <summary>The sinks of the receiver; a receiver without sinks is valid (a "null" receiver, like Alertmanager's).</summary>
    public List<SinkOptions> Sinks { get; set; } = [];
}
