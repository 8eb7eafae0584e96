using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// Guards the state-changing endpoints against requests from other web pages: a body must be
/// <c>application/json</c> (a cross-site form or <c>text/plain</c> POST needs no preflight, a JSON one does), and a
/// request that says where it comes from (<c>Origin</c>, or <c>Sec-Fetch-Site</c>) must come from this origin.
/// </summary>
/// <remarks>
/// An API client that sends neither header (curl, scripts, Alertmanager tools) is let through: it is not a browser
/// acting for another site. DNS rebinding (a foreign name resolving to 127.0.0.1, same-origin to the browser) is
/// refused by the standalone server's loopback <c>Host</c> check.
/// </remarks>
internal static class SameOriginGuard
{
    public static RequestDelegate Protect(RequestDelegate next, bool requiresJsonBody) => async context =>
    {
        var problem = Check(context.Request, requiresJsonBody);
        if (problem is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await HttpJson.WriteErrorsAsync(context, problem.Value.Status, [problem.Value.Message]).ConfigureAwait(false);
    };

    internal static (int Status, string Message)? Check(HttpRequest request, bool requiresJsonBody)
    {
        var self = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, self, StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status403Forbidden,
                $"Origin: '{origin}' is not this server's origin ('{self}'); another site's page cannot change alerts or silences.");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (origin.Length == 0 && site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return (StatusCodes.Status403Forbidden,
                $"Sec-Fetch-Site: '{site}': the request comes from another site's page; it cannot change alerts or silences.");
        }

        if (requiresJsonBody && !IsJson(request.ContentType))
        {
            return (StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type: must be application/json (got '{request.ContentType ?? "none"}').");
        }

        return null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
