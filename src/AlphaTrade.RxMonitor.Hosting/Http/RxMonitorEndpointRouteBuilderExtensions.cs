using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Maps the RxMonitor endpoints onto an ASP.NET Core application (or the standalone <see cref="RxMonitorHttpServer"/>).</summary>
public static class RxMonitorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /metrics</c>, <c>GET /health</c>, <c>GET /alerts</c>, <c>GET/POST /api/silences</c> and
    /// <c>DELETE /api/silences/{id}</c> for the sources that are set.
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="sources">What to serve; an endpoint whose source is <see langword="null"/> is not mapped.</param>
    /// <param name="apiToken">When set, every mapped endpoint answers 401 unless the request carries <c>Authorization: Bearer &lt;apiToken&gt;</c>.</param>
    /// <returns>The group of the mapped endpoints, to add conventions (a path prefix comes from mapping a group first).</returns>
    /// <remarks>
    /// Handlers run on request threads and only read the sources, so they never block the pipeline. A provider
    /// that throws on <c>/health</c> is served as 503; elsewhere the exception takes the host's usual 500 path.
    /// </remarks>
    public static RouteGroupBuilder MapRxMonitor(this IEndpointRouteBuilder endpoints, RxMonitorEndpointSources sources, string? apiToken = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(sources);
        var guard = string.IsNullOrEmpty(apiToken) ? null : new BearerTokenGuard(apiToken);
        RequestDelegate Protect(RequestDelegate handler) => guard is null ? handler : guard.Protect(handler);

        var group = endpoints.MapGroup(string.Empty);
        if (sources.Metrics is { } metrics)
        {
            group.MapGet("/metrics", Protect(MetricsEndpoint.Create(metrics)));
        }

        if (sources.Health is { } health)
        {
            group.MapGet("/health", Protect(HealthEndpoint.Create(health)));
        }

        if (sources.Alerts is { } alerts)
        {
            group.MapGet("/alerts", Protect(AlertsEndpoint.Create(alerts)));
        }

        if (sources.Silences is { } silences)
        {
            group.MapGet("/api/silences", Protect(SilencesEndpoint.List(silences, sources.TimeProvider)));
            group.MapPost("/api/silences", Protect(SilencesEndpoint.Create(silences, sources.TimeProvider)));
            group.MapDelete("/api/silences/{id}", Protect(SilencesEndpoint.Expire(silences)));
        }

        return group;
    }
}
