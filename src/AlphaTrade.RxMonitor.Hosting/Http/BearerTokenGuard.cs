using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Lets a request through only when it carries <c>Authorization: Bearer &lt;token&gt;</c> with the configured token.</summary>
/// <remarks>The comparison hashes both sides and compares in constant time, so neither the token nor its length leaks through timing.</remarks>
internal sealed class BearerTokenGuard(string token)
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public RequestDelegate Protect(RequestDelegate next) => async context =>
    {
        if (IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"rxmonitor\"";
        await HttpJson.WriteErrorsAsync(
            context,
            StatusCodes.Status401Unauthorized,
            ["This endpoint requires 'Authorization: Bearer <token>' with the configured API token."]).ConfigureAwait(false);
    };

    private bool IsAuthorized(string header)
    {
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
