using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Serves <c>/health</c> from a fresh <see cref="HealthMonitor.CheckAsync"/>.</summary>
internal sealed class HealthProviderAdapter(HealthMonitor monitor) : IHealthProvider
{
    public async ValueTask<HealthEndpointResult> GetHealthAsync(CancellationToken cancellationToken)
    {
        var report = await monitor.CheckAsync(cancellationToken).ConfigureAwait(false);
        return new HealthEndpointResult(report.Status, HealthJson.Describe(report));
    }
}
