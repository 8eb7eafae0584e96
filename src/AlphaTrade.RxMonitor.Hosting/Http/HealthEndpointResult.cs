using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>What <c>/health</c> serves: an overall status and the report behind it.</summary>
/// <param name="Status">The overall status; decides the HTTP status code.</param>
/// <param name="Report">The report, serialized as JSON (camelCase, enums as strings) under <c>report</c>; may be <see langword="null"/>.</param>
internal readonly record struct HealthEndpointResult(HealthStatus Status, object? Report);
