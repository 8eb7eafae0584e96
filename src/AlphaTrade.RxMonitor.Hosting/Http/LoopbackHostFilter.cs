using System.Net;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// On a loopback-bound server, answers only requests addressed to a loopback name (<c>localhost</c>, <c>*.localhost</c>,
/// <c>127.0.0.0/8</c>, <c>[::1]</c>): a page on a foreign name that resolves to 127.0.0.1 (DNS rebinding) gets 403.
/// </summary>
internal static class LoopbackHostFilter
{
    public static RequestDelegate Filter(RequestDelegate next) => async context =>
    {
        var host = context.Request.Host.Host;
        if (IsLoopbackName(host))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await HttpJson.WriteErrorsAsync(
            context,
            StatusCodes.Status403Forbidden,
            [$"Host: '{context.Request.Host}' is not a loopback name; this server listens on loopback and answers only to localhost or its loopback address."])
            .ConfigureAwait(false);
    };

    /// <summary>
    /// For endpoints mapped without a token into someone else's application: only a loopback client addressing a
    /// loopback name is served (403 otherwise), so neither the network nor a rebound DNS name reaches them.
    /// </summary>
    /// <param name="next">The endpoint.</param>
    /// <returns>The endpoint behind the check.</returns>
    public static RequestDelegate LoopbackOnly(RequestDelegate next) => async context =>
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            await HttpJson.WriteErrorsAsync(
                context,
                StatusCodes.Status403Forbidden,
                ["this endpoint has no API token, so it answers only loopback clients; set an API token to serve it to the network."])
                .ConfigureAwait(false);
            return;
        }

        await Filter(next)(context).ConfigureAwait(false);
    };

    internal static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
