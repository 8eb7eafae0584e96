using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
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

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("transitions");
            foreach (var transition in transitions)
            {
                AlertJson.WriteTransition(json, transition, live?.GetAlertSeries(transition.Alert.Fingerprint));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    };
}
