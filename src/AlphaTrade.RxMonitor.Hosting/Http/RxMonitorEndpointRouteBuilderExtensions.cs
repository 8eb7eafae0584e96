using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Maps the RxMonitor endpoints onto an ASP.NET Core application (or the standalone <see cref="RxMonitorHttpServer"/>).</summary>
public static class RxMonitorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the endpoints of the monitor registered with <c>services.AddRxMonitor(…)</c>: the same as
    /// <see cref="MapRxMonitor(IEndpointRouteBuilder, RxMonitorEndpointSources, string?)"/> with the
    /// <see cref="RxMonitorEndpointSources"/> resolved from <paramref name="endpoints"/>' <see cref="IEndpointRouteBuilder.ServiceProvider"/>.
    /// </summary>
    /// <param name="endpoints">The application's routes (or a group of them, for a path prefix).</param>
    /// <param name="apiToken">When set, every data endpoint requires it (see the other overload); null: loopback clients only.</param>
    /// <returns>The group of the mapped endpoints.</returns>
    /// <exception cref="InvalidOperationException">The monitor is not registered (no <c>AddRxMonitor</c> call).</exception>
    public static RouteGroupBuilder MapRxMonitor(this IEndpointRouteBuilder endpoints, string? apiToken = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sources = endpoints.ServiceProvider.GetService(typeof(RxMonitorEndpointSources)) as RxMonitorEndpointSources
            ?? throw new InvalidOperationException("MapRxMonitor() maps the monitor registered by services.AddRxMonitor(...), and none is registered: call AddRxMonitor first, or pass the endpoint sources.");
        return endpoints.MapRxMonitor(sources, apiToken);
    }

    /// <summary>
    /// Maps <c>GET /metrics</c>, <c>GET /health</c>, <c>GET /alerts</c>, <c>GET/POST /api/silences</c>,
    /// <c>DELETE /api/silences/{id}</c>, <c>GET /api/series</c>, <c>GET /api/query_range</c>, <c>GET /api/alerts/history</c>,
    /// <c>GET /api/events</c> for the sources that are set, the dashboard at <c>/</c> (with <c>GET /api/session</c>), and with a token
    /// <c>POST /api/login</c> and <c>POST /api/logout</c>.
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="sources">What to serve; an endpoint whose source is <see langword="null"/> is not mapped.</param>
    /// <param name="apiToken">
    /// When set, every data endpoint answers 401 unless the request carries <c>Authorization: Bearer &lt;apiToken&gt;</c>
    /// or the cookie of a session opened by <c>POST /api/login</c> (the dashboard's way in).
    /// </param>
    /// <returns>The group of the mapped endpoints, to add conventions (a path prefix comes from mapping a group first).</returns>
    /// <remarks>
    /// Handlers run on request threads and only read the sources, so they never block the pipeline. A provider
    /// that throws on <c>/health</c> is served as 503; elsewhere the exception takes the host's usual 500 path.
    /// State-changing endpoints (silences, login) refuse a body that is not <c>application/json</c> and a request
    /// whose <c>Origin</c> (or <c>Sec-Fetch-Site</c>) shows another site's page; API clients that send neither pass.
    /// Without a token the data endpoints answer only loopback clients that address a loopback name (403 otherwise:
    /// the network, or a foreign name rebound to 127.0.0.1).
    /// </remarks>
    public static RouteGroupBuilder MapRxMonitor(this IEndpointRouteBuilder endpoints, RxMonitorEndpointSources sources, string? apiToken = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(sources);
        var guard = string.IsNullOrEmpty(apiToken) ? null : new AccessGuard(apiToken, new SessionStore(sources.TimeProvider));
        RequestDelegate Protect(RequestDelegate handler) => guard is null ? LoopbackHostFilter.LoopbackOnly(handler) : guard.Protect(handler);
        static RequestDelegate Write(RequestDelegate handler, bool json) => SameOriginGuard.Protect(handler, json);

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
            group.MapPost("/api/silences", Write(Protect(SilencesEndpoint.Create(silences, sources.TimeProvider)), json: true));
            group.MapDelete("/api/silences/{id}", Write(Protect(SilencesEndpoint.Expire(silences)), json: false));
        }

        if (sources.History is { } history)
        {
            group.MapGet("/api/series", Protect(SeriesEndpoint.Create(history, sources.Live)));
            group.MapGet("/api/query_range", Protect(QueryRangeEndpoint.Create(history, sources.TimeProvider)));
        }

        if (sources.AlertHistory is { } alertHistory)
        {
            group.MapGet("/api/alerts/history", Protect(AlertHistoryEndpoint.Create(alertHistory, sources.Live, sources.TimeProvider)));
        }

        if (sources.Live is { } live)
        {
            group.MapGet("/api/events", Protect(new EventsEndpoint(live, sources).HandleAsync));
        }

        if (guard is not null)
        {
            group.MapPost("/api/login", Write(LoginEndpoint.Login(guard), json: true));
            group.MapPost("/api/logout", Write(LoginEndpoint.Logout(guard), json: false));
        }

        if (sources.Dashboard)
        {
            group.MapGet("/api/session", SessionEndpoint.Create(guard));
            var assets = DashboardAssets.Instance;
            group.MapGet("/", DashboardEndpoint.Page(assets));
            group.MapGet("/assets/{name}", DashboardEndpoint.Asset(assets));
        }

        return group;
    }
}
