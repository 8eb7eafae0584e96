using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /api/series?match[]=…</c>: <c>{"series": [{"series", "name", "labels"}]}</c>, the stored series (and the
/// live ones, when a live state is served) that match any of the selectors (every series without one), by name.
/// </summary>
/// <remarks>A bad selector is 400 naming the parameter and the column; a store that cannot answer is 503 with its reason.</remarks>
internal static class SeriesEndpoint
{
    /// <summary>The most series one answer lists; the rest are counted in <c>truncated</c>.</summary>
    public const int MaxSeries = 10_000;

    public static RequestDelegate Create(IMetricHistory history, ILiveStateProvider? live) => async context =>
    {
        var query = new QueryParameters(context.Request.Query);
        var selectors = query.Selectors("match[]");
        if (query.Errors.Count > 0)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, query.Errors).ConfigureAwait(false);
            return;
        }

        var names = selectors.Select(static s => s.MetricName).Distinct().ToList();
        var metricName = names.Count == 1 ? names[0] : null;
        IReadOnlyList<SeriesKey> stored;
        try
        {
            stored = await history.QuerySeriesAsync(metricName, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, [$"The store cannot list series: {e.Message}"]).ConfigureAwait(false);
            return;
        }

        var all = new HashSet<SeriesKey>(stored);
        if (live is not null)
        {
            all.UnionWith(live.GetLatestSamples().Select(static s => s.Key));
        }

        var matching = all
            .Where(k => selectors.Count == 0 || selectors.Exists(s => s.Matches(k)))
            .Select(static k => (Key: k, Text: k.ToString()))
            .OrderBy(static k => k.Text, StringComparer.Ordinal)
            .ToList();
        var body = new Body(
            [.. matching.Take(MaxSeries).Select(static k => new SeriesJson(k.Text, k.Key.Name, k.Key.Labels.ToDictionary()))],
            Math.Max(0, matching.Count - MaxSeries));
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    };

    internal sealed record Body(IReadOnlyList<SeriesJson> Series, int Truncated);

    internal sealed record SeriesJson(string Series, string Name, IReadOnlyDictionary<string, string> Labels);
}
