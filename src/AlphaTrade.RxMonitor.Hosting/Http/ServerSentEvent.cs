namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>One server-sent event: its <c>event:</c> name and its JSON <c>data:</c> (one line).</summary>
/// <param name="Name">The event name (<c>snapshot</c>, <c>samples</c>, <c>alerts</c>, <c>health</c>, <c>heartbeat</c>).</param>
/// <param name="Data">The JSON payload, without line breaks.</param>
internal readonly record struct ServerSentEvent(string Name, string Data)
{
    /// <summary>The event in the <c>text/event-stream</c> wire format.</summary>
    public string ToWire() => $"event: {Name}\ndata: {Data}\n\n";

    /// <summary>The memory the event's strings hold (UTF-16, two bytes a character), what a queue of events is bounded by.</summary>
    public long Bytes => sizeof(char) * ((long)Name.Length + Data.Length);
}
