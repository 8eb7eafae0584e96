using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>POST /api/login</c> with <c>{"token": "…"}</c>: opens a browser session (204 and an <c>HttpOnly</c>,
/// <c>SameSite=Strict</c> cookie scoped to the endpoints' path); <c>POST /api/logout</c> closes it.
/// </summary>
/// <remarks>Mapped only when an API token is set. A wrong token is 401; the body must be JSON from this origin (<see cref="SameOriginGuard"/>).</remarks>
internal static class LoginEndpoint
{
    public static RequestDelegate Login(AccessGuard guard) => async context =>
    {
        string? token = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind == JsonValueKind.Object &&
                body.RootElement.TryGetProperty("token", out var value) &&
                value.ValueKind == JsonValueKind.String)
            {
                token = value.GetString();
            }
        }
        catch (JsonException e)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, [$"The body is not valid JSON: {e.Message}"]).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(token))
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, ["token: required (a JSON string)."]).ConfigureAwait(false);
            return;
        }

        if (!guard.IsToken(token))
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status401Unauthorized, ["token: not the configured API token."]).ConfigureAwait(false);
            return;
        }

        context.Response.Cookies.Append(AccessGuard.CookieName, guard.Sessions.Open(), Cookie(context, "/api/login", SessionStore.Lifetime));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    };

    public static RequestDelegate Logout(AccessGuard guard) => context =>
    {
        guard.Sessions.Close(context.Request.Cookies[AccessGuard.CookieName]);
        context.Response.Cookies.Delete(AccessGuard.CookieName, Cookie(context, "/api/logout", TimeSpan.Zero));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    };

    private static CookieOptions Cookie(HttpContext context, string endpointPath, TimeSpan lifetime)
    {
        // The cookie covers the endpoints' prefix (the path this endpoint was mapped under), not the whole site.
        var path = context.Request.Path.Value ?? string.Empty;
        var prefix = path.EndsWith(endpointPath, StringComparison.Ordinal) ? path[..^endpointPath.Length] : string.Empty;
        return new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = context.Request.PathBase + prefix + "/",
            MaxAge = lifetime,
            IsEssential = true,
        };
    }
}
