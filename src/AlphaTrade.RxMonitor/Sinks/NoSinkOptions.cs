namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>The options of a sink type that has none: its section may hold only the keys every sink takes.</summary>
internal sealed class NoSinkOptions;
