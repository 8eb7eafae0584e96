using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Rules;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /api/alerts/history?from=…&amp;to=…&amp;rule=…&amp;limit=…</c>: <c>{"transitions": [...]}</c>, the recorded alert
/// transitions in the range (default: the last 24 hours), oldest first, at most <c>limit</c> (default 1000, the newest).
/// </summary>
internal static class AlertHistoryEndpoint
{
    /// <summary>The largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 10_000;

    public static RequestDelegate Create(IAlertHistory history, ILiveStateProvider? live, TimeProvider clock) => async context =>
    {
        var query = new QueryParameters(context.Request.Query);
        var to = query.Time("to") ?? clock.GetUtcNow();
        var from = query.Time("from") ?? to.AddDays(-1);
        var limit = query.Integer("limit", 1000, MaxLimit);
        var rule = query.Optional("rule");
        if (query.Errors.Count == 0 && from >= to)
        {
            query.Add($"from: {from:O} must be before to ({to:O}).");
        }

        if (query.Errors.Count > 0)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, query.Errors).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<AlertTransition> transitions;
        try
        {
            transitions = await history.QueryTransitionsAsync(
                new AlertHistoryQuery { Since = from, Until = to, RuleName = rule, Limit = limit },
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, [$"The alert history cannot answer: {e.Message}"]).ConfigureAwait(false);
            return;
        }

        var body = new Body([.. transitions.Select(t => new TransitionJson(
            t.Alert.FingerprintText,
            t.Alert.RuleName,
            t.Alert.Labels.ToDictionary(),
            t.Change,
            t.Alert.State,
            t.PreviousState,
            t.Alert.Severity,
            double.IsFinite(t.Alert.Value) ? t.Alert.Value : null,
            t.Alert.ActiveAt,
            t.Timestamp,
            live?.GetAlertSeries(t.Alert.Fingerprint)?.ToString()))]);
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    };

    internal sealed record Body(IReadOnlyList<TransitionJson> Transitions);

    internal sealed record TransitionJson(
        string Fingerprint,
        string Rule,
        IReadOnlyDictionary<string, string> Labels,
        AlertChange Change,
        AlertState State,
        AlertState? PreviousState,
        Severity Severity,
        double? Value,
        DateTimeOffset ActiveAt,
        DateTimeOffset Timestamp,
        string? Series);
}
