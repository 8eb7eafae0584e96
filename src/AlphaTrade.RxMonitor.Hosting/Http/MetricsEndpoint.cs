using System.Text;
using AlphaTrade.RxMonitor.Exposition;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary><c>GET /metrics</c>: the Prometheus text exposition (format 0.0.4).</summary>
internal static class MetricsEndpoint
{
    public static RequestDelegate Create(PrometheusExporter exporter) => async context =>
    {
        var text = exporter.Render();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PrometheusExporter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
    };
}
