using System.Globalization;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Rules;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /alerts</c>: <c>{"alerts": [...]}</c>, one object per active alert, most severe first, then oldest first.
/// </summary>
/// <remarks>
/// Each alert carries its <c>fingerprint</c> (the label set's FNV-1a fingerprint in 16 hex digits, as Alertmanager
/// prints it), rule, state, severity, kind, labels, annotations, value (<see langword="null"/> when not a number),
/// activeAt, the time of its latest event and its series.
/// </remarks>
internal static class AlertsEndpoint
{
    public static RequestDelegate Create(IActiveAlertsProvider provider) => context =>
    {
        var alerts = provider.GetActiveAlerts()
            .OrderByDescending(static a => a.Severity)
            .ThenBy(static a => a.ActiveAt)
            .ThenBy(static a => a.Labels.Fingerprint)
            .Select(ToJson)
            .ToList();
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, new Body(alerts));
    };

    private static AlertJson ToJson(AlertEvent alert) => new(
        alert.Labels.Fingerprint.ToString("x16", CultureInfo.InvariantCulture),
        alert.RuleName,
        alert.State,
        alert.Severity,
        alert.Kind,
        alert.Labels.ToDictionary(),
        alert.Annotations,
        double.IsFinite(alert.Value) ? alert.Value : null,
        alert.ActiveAt,
        alert.Timestamp,
        alert.Series?.ToString());

    internal sealed record Body(IReadOnlyList<AlertJson> Alerts);

    internal sealed record AlertJson(
        string Fingerprint,
        string Rule,
        AlertState State,
        Severity Severity,
        AlertEventKind Kind,
        IReadOnlyDictionary<string, string> Labels,
        IReadOnlyDictionary<string, string> Annotations,
        double? Value,
        DateTimeOffset ActiveAt,
        DateTimeOffset Timestamp,
        string? Series);
}
