using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// The dashboard page: <c>GET /</c> (under the endpoints' prefix) serves <c>index.html</c>, <c>GET /assets/{name}</c>
/// its scripts and styles, with a strict Content-Security-Policy, gzip when accepted and ETags (304 on a match).
/// </summary>
/// <remarks>
/// The files hold no data, so they are served without authentication; the page asks for a login when the API
/// answers 401. Every URL the page uses is relative, so it works under any prefix; a prefix without its trailing
/// slash is redirected to it.
/// </remarks>
internal static class DashboardEndpoint
{
    /// <summary>Scripts, styles, data and connections only from this origin; no inline script or style element, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static RequestDelegate Page(DashboardAssets assets) => context =>
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.EndsWith('/'))
        {
            context.Response.Redirect(context.Request.PathBase + path + "/" + context.Request.QueryString, permanent: false);
            return Task.CompletedTask;
        }

        return ServeAsync(context, assets.Files["index.html"]);
    };

    public static RequestDelegate Asset(DashboardAssets assets) => context =>
    {
        var name = context.GetRouteValue("name") as string ?? string.Empty;
        if (name == "index.html" || !assets.Files.TryGetValue(name, out var asset))
        {
            return HttpJson.WriteErrorsAsync(context, StatusCodes.Status404NotFound, [$"No dashboard asset is named '{name}'."]);
        }

        return ServeAsync(context, asset);
    };

    private static async Task ServeAsync(HttpContext context, DashboardAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.Vary = "Accept-Encoding";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var gzip = context.Request.Headers.AcceptEncoding.Any(static v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        var body = gzip ? asset.Gzip : asset.Content;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = body.Length;
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
