using AlphaTrade.RxMonitor.Exposition;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary><c>GET /metrics</c>: the Prometheus text exposition (format 0.0.4).</summary>
internal static class MetricsEndpoint
{
    public static RequestDelegate Create(PrometheusExporter exporter) => async context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PrometheusExporter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await exporter.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    };
}
