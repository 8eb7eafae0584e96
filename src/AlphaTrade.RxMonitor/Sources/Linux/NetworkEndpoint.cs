namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>A TCP endpoint whose connect time is measured.</summary>
/// <param name="Name">The <c>endpoint</c> label value, e.g. <c>exchange-gateway</c>.</param>
/// <param name="Host">A host name or IP address.</param>
/// <param name="Port">The TCP port.</param>
public sealed record NetworkEndpoint(string Name, string Host, int Port);
