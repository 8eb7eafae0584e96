using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /api/session</c>: <c>{"loginRequired": bool, "authenticated": bool}</c>, always 200 and never protected, so
/// the dashboard can tell whether to ask for a login without provoking a 401.
/// </summary>
internal static class SessionEndpoint
{
    public static RequestDelegate Create(AccessGuard? guard) => context =>
        HttpJson.WriteAsync(context, StatusCodes.Status200OK, new Body(guard is not null, guard is null || guard.IsAuthorized(context)));

    internal sealed record Body(bool LoginRequired, bool Authenticated);
}
