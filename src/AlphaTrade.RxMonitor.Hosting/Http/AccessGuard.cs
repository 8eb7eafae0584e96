using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// Lets a request through when it carries <c>Authorization: Bearer &lt;token&gt;</c> with the configured token (API
/// clients) or the cookie of a session opened by <c>POST /api/login</c> (the dashboard, which cannot set headers on
/// page loads nor on an <c>EventSource</c>).
/// </summary>
/// <remarks>The token comparison hashes both sides and compares in constant time, so neither the token nor its length leaks through timing.</remarks>
internal sealed class AccessGuard(string token, SessionStore sessions)
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "rxmon_session";

    private const string Scheme = "Bearer ";
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public SessionStore Sessions => sessions;

    public RequestDelegate Protect(RequestDelegate next) => async context =>
    {
        if (IsAuthorized(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"rxmonitor\"";
        await HttpJson.WriteErrorsAsync(
            context,
            StatusCodes.Status401Unauthorized,
            ["This endpoint requires 'Authorization: Bearer <token>' with the configured API token, or a session from POST /api/login."]).ConfigureAwait(false);
    };

    /// <summary>Whether <paramref name="presented"/> is the configured token.</summary>
    public bool IsToken(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);

    /// <summary>Whether the request carries the token or a live session.</summary>
    public bool IsAuthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return IsToken(header[Scheme.Length..].Trim());
        }

        return sessions.IsValid(context.Request.Cookies[CookieName]);
    }
}
