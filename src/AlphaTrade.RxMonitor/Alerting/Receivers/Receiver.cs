namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>A receiver at run time: its name, whether it takes resolved alerts, and its sink channels (copy-on-write).</summary>
internal sealed class Receiver(string name, bool sendResolved)
{
    public string Name { get; } = name;

    public bool SendResolved { get; } = sendResolved;

    public SinkChannel[] Sinks { get; set; } = [];
}
