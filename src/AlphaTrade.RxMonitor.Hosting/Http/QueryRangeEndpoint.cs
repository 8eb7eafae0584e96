using System.Text.Json.Serialization;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /api/query_range?series=SELECTOR&amp;from=…&amp;to=…&amp;resolution=auto|10s|1m|1h</c>: the roll-up buckets of
/// every stored series the selector matches, as columns (<c>t</c>, <c>mean</c>, <c>min</c>, <c>max</c>, <c>count</c>,
/// and <c>p50</c>/<c>p99</c> when the buckets carry sketches).
/// </summary>
/// <remarks>
/// <c>to</c> defaults to now, <c>from</c> to an hour before <c>to</c>. <c>resolution=auto</c> (the default) picks the
/// finest roll-up with at most <see cref="MaxPoints"/> buckets in the range. Every bad parameter is listed in one 400.
/// </remarks>
internal static class QueryRangeEndpoint
{
    /// <summary>The most buckets per series <c>resolution=auto</c> aims at.</summary>
    public const int MaxPoints = 2_000;

    /// <summary>The most series one query returns.</summary>
    public const int MaxSeries = 50;

    private static readonly (string Name, RollupResolution Resolution, TimeSpan Step)[] Resolutions =
    [
        ("10s", RollupResolution.TenSeconds, TimeSpan.FromSeconds(10)),
        ("1m", RollupResolution.OneMinute, TimeSpan.FromMinutes(1)),
        ("1h", RollupResolution.OneHour, TimeSpan.FromHours(1)),
    ];

    public static RequestDelegate Create(IMetricHistory history, TimeProvider clock) => async context =>
    {
        var query = new QueryParameters(context.Request.Query);
        var seriesText = query.Required("series");
        SeriesSelector? selector = null;
        if (seriesText is not null && !SeriesSelector.TryParse(seriesText, out selector, out var error))
        {
            query.Add($"series: '{seriesText}' is not a series selector: {error.Message}");
        }

        var to = query.Time("to") ?? clock.GetUtcNow();
        var from = query.Time("from") ?? to.AddHours(-1);
        if (query.Errors.Count == 0 && from >= to)
        {
            query.Add($"from: {from:O} must be before to ({to:O}).");
        }

        var resolutionText = query.Optional("resolution") ?? "auto";
        var picked = resolutionText == "auto" ? Pick(to - from) : Array.FindIndex(Resolutions, r => r.Name == resolutionText);
        if (picked < 0)
        {
            query.Add($"resolution: '{resolutionText}' is not one of auto, 10s, 1m, 1h.");
        }

        if (query.Errors.Count > 0)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, query.Errors).ConfigureAwait(false);
            return;
        }

        var (name, resolution, step) = Resolutions[picked];
        var results = new List<SeriesColumns>();
        try
        {
            var keys = await history.QuerySeriesAsync(selector!.MetricName, context.RequestAborted).ConfigureAwait(false);
            foreach (var key in keys.Where(selector.Matches).OrderBy(static k => k.ToString(), StringComparer.Ordinal).Take(MaxSeries))
            {
                var buckets = await history.QueryRangeAsync(key, resolution, from, to, context.RequestAborted).ConfigureAwait(false);
                results.Add(Columns(key, buckets));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, [$"The store cannot answer the query: {e.Message}"]).ConfigureAwait(false);
            return;
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new Body(name, (long)step.TotalSeconds, from, to, results)).ConfigureAwait(false);
    };

    /// <summary>The index of the finest resolution with at most <see cref="MaxPoints"/> buckets over <paramref name="range"/>.</summary>
    internal static int Pick(TimeSpan range)
    {
        for (var i = 0; i < Resolutions.Length; i++)
        {
            if (range.Ticks / Resolutions[i].Step.Ticks <= MaxPoints)
            {
                return i;
            }
        }

        return Resolutions.Length - 1;
    }

    private static SeriesColumns Columns(SeriesKey key, IReadOnlyList<RollupPoint> buckets)
    {
        var n = buckets.Count;
        var t = new double[n];
        var mean = new double?[n];
        var min = new double?[n];
        var max = new double?[n];
        var count = new long[n];
        var p50 = new double?[n];
        var p99 = new double?[n];
        var sketches = false;
        for (var i = 0; i < n; i++)
        {
            var b = buckets[i];
            t[i] = b.Start.ToUnixTimeMilliseconds() / 1000.0;
            mean[i] = Finite(b.Mean);
            min[i] = Finite(b.Min);
            max[i] = Finite(b.Max);
            count[i] = b.Count;
            p50[i] = Finite(b.Quantile(0.5));
            p99[i] = Finite(b.Quantile(0.99));
            sketches |= b.HasSketch;
        }

        return new SeriesColumns(key.ToString(), key.Name, key.Labels.ToDictionary(), t, mean, min, max, count, sketches ? p50 : null, sketches ? p99 : null);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    internal sealed record Body(string Resolution, long Step, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SeriesColumns> Series);

    internal sealed record SeriesColumns(
        string Series,
        string Name,
        IReadOnlyDictionary<string, string> Labels,
        double[] T,
        double?[] Mean,
        double?[] Min,
        double?[] Max,
        long[] Count,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double?[]? P50,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double?[]? P99);
}
