using System.Text.Json.Serialization;
using AlphaTrade.RxMonitor.Health;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary><c>GET /health</c>: <c>{"status": "healthy|degraded|unhealthy", "report": …}</c>; 200 unless unhealthy (503).</summary>
internal static class HealthEndpoint
{
    public static RequestDelegate Create(IHealthProvider provider) => async context =>
    {
        HealthEndpointResult result;
        try
        {
            result = await provider.GetHealthAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // A health check that cannot run is itself the answer: the service is not known to be healthy.
            await HttpJson.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                new Body(HealthStatus.Unhealthy, null, $"The health provider failed: {e.Message}")).ConfigureAwait(false);
            return;
        }

        var code = result.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await HttpJson.WriteAsync(context, code, new Body(result.Status, result.Report, null)).ConfigureAwait(false);
    };

    internal sealed record Body(
        HealthStatus Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Report,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
}
