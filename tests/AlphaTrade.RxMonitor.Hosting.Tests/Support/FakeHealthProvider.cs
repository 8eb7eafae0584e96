using AlphaTrade.RxMonitor.Hosting.Http;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>Answers /health with a fixed result, or throws when given an exception.</summary>
internal sealed class FakeHealthProvider(HealthEndpointResult result, Exception? failure = null) : IHealthProvider
{
    public ValueTask<HealthEndpointResult> GetHealthAsync(CancellationToken cancellationToken) =>
        failure is null ? ValueTask.FromResult(result) : ValueTask.FromException<HealthEndpointResult>(failure);
}
