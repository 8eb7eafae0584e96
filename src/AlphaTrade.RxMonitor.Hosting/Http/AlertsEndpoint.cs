using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /alerts</c>: <c>{"alerts": [...]}</c>, one object per pending or firing alert (silenced, inhibited and flapping
/// ones included), most severe first, then oldest first.
/// </summary>
/// <remarks>
/// Each alert is in the one alert shape (<see cref="Exposition.AlertJson"/>): Alertmanager v2's gettable alert
/// (<c>labels</c>, <c>annotations</c>, <c>startsAt</c>, <c>endsAt</c>, <c>updatedAt</c>, <c>fingerprint</c>,
/// <c>status</c> with <c>state</c> active or suppressed, <c>silencedBy</c> and <c>inhibitedBy</c>, <c>receivers</c>)
/// plus the rule's view under <c>rxmonitor</c> (rule, state, severity, kind, activeAt, value, flapping, series).
/// </remarks>
internal static class AlertsEndpoint
{
    public static RequestDelegate Create(IActiveAlertsProvider provider) => context =>
    {
        var alerts = provider.GetActiveAlerts();
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("alerts");
            ActiveAlertsJson.Write(json, provider, alerts);
            json.WriteEndObject();
        });
    };
}
