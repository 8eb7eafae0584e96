namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Supplies <c>/health</c>: adapt the health monitor's report to this one method.</summary>
internal interface IHealthProvider
{
    /// <summary>Collects the current health.</summary>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>The status and its report.</returns>
    /// <remarks>Called on a request thread, possibly concurrently. An exception is served as 503 with its message.</remarks>
    ValueTask<HealthEndpointResult> GetHealthAsync(CancellationToken cancellationToken);
}
