namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>The options of a sink type that has none: its section may hold only the keys every sink takes.</summary>
internal sealed class NoSinkOptions;
