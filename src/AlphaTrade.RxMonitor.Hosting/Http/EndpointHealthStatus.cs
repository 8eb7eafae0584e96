namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>The overall status <c>/health</c> reports; decides its HTTP status code.</summary>
internal enum EndpointHealthStatus
{
    /// <summary>Everything works: HTTP 200.</summary>
    Healthy = 0,

    /// <summary>Working with problems: HTTP 200, so load balancers keep the instance.</summary>
    Degraded = 1,

    /// <summary>Not working: HTTP 503.</summary>
    Unhealthy = 2,
}
