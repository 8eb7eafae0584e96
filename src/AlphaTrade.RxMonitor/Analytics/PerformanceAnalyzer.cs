using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>
/// Performance analysis over the live database instrumentation and the stored history: query performance,
/// resource bottlenecks, capacity forecasts, trends and seasonal baselines, per section or as one
/// <see cref="PerformanceReport"/>.
/// </summary>
/// <remarks>
/// <para>
/// "Now" is the <see cref="TimeProvider"/>'s time, so a <c>TestScheduler</c> (through <c>AsTimeProvider()</c>)
/// drives every window. History comes from an <see cref="IMetricHistory"/> (the SQLite store's roll-ups:
/// <c>SqliteStore</c>); without one, only the live query performance is available and the
/// history-based sections are empty.
/// </para>
/// <para>
/// Thread-safe; every call reads afresh (no caching). The per-section methods pass a failing history's
/// <see cref="InvalidOperationException"/> on; <see cref="GetReportAsync"/> never throws for one: it lists what
/// could not be computed in <see cref="PerformanceReport.Problems"/> and fills the rest.
/// </para>
/// </remarks>
public sealed class PerformanceAnalyzer
{
    private const double SecondsPerHour = 3600;
    private static readonly TimeSpan s_fineResolutionLimit = TimeSpan.FromDays(2);
    private static readonly RollupResolution[] s_latestResolutions = [RollupResolution.TenSeconds, RollupResolution.OneMinute];

    private readonly IMetricHistory? _history;
    private readonly DatabaseMetrics[] _databases;
    private readonly TimeProvider _timeProvider;
    private readonly PerformanceAnalyzerOptions _options;

    /// <summary>Creates the analyzer.</summary>
    /// <param name="history">The stored history, or <see langword="null"/> for live figures only.</param>
    /// <param name="databases">The live database instrumentation (per-statement figures since start); may be empty.</param>
    /// <param name="timeProvider">The clock "now" is read from.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>. Validated here.</param>
    /// <exception cref="ConfigurationException">The options are invalid (every problem listed).</exception>
    public PerformanceAnalyzer(
        IMetricHistory? history,
        IEnumerable<DatabaseMetrics> databases,
        TimeProvider timeProvider,
        PerformanceAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(databases);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new PerformanceAnalyzerOptions();
        options.ThrowIfInvalid(PerformanceAnalyzerOptions.Section);
        _history = history;
        _databases = [.. databases];
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>The options in use.</summary>
    public PerformanceAnalyzerOptions Options => _options;

    /// <summary>Query performance since the instrumentation started, from the live <see cref="DatabaseMetrics"/>.</summary>
    /// <returns>Every statement of every database (with p50/p95/p99/max), and the top-N slowest by mean.</returns>
    public QueryPerformanceReport GetQueryPerformance()
    {
        var statements = _databases
            .SelectMany(static d => d.GetStatementStatistics())
            .Select(static s => new StatementPerformance(
                s.Database, s.Statement, s.Calls, s.Failures, s.TotalSeconds, s.MeanSeconds, s.P50Seconds, s.P95Seconds, s.P99Seconds, s.MaxSeconds))
            .ToList();
        return Summarize(null, _timeProvider.GetUtcNow(), statements);
    }

    /// <summary>
    /// Query performance over [<paramref name="from"/>, <paramref name="to"/>) from the stored per-statement
    /// counters (<c>db_statement_calls_total</c>, <c>_failures_total</c>, <c>_duration_seconds_total</c>).
    /// </summary>
    /// <param name="from">Start of the period.</param>
    /// <param name="to">End of the period, after <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>
    /// Counts, errors, total and mean time per statement (increase of the counters over 1-minute roll-ups, resets
    /// handled as Prometheus' <c>increase</c> does, without extrapolation); quantiles and max are
    /// <see langword="null"/> — cumulative counters carry no distribution. Statements without calls in the
    /// period are left out.
    /// </returns>
    /// <exception cref="InvalidOperationException">No history is configured, or it failed.</exception>
    public async Task<QueryPerformanceReport> GetQueryPerformanceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        var history = RequireHistory();
        var statements = new List<StatementPerformance>();
        foreach (var calls in await history.QuerySeriesAsync(DatabaseMetricNames.StatementCallsTotal, cancellationToken).ConfigureAwait(false))
        {
            var count = await IncreaseAsync(history, calls, from, to, cancellationToken).ConfigureAwait(false);
            if (count <= 0)
            {
                continue;
            }

            var errors = await IncreaseAsync(history, SeriesKey.Create(DatabaseMetricNames.StatementFailuresTotal, calls.Labels), from, to, cancellationToken)
                .ConfigureAwait(false);
            var seconds = await IncreaseAsync(history, SeriesKey.Create(DatabaseMetricNames.StatementDurationSecondsTotal, calls.Labels), from, to, cancellationToken)
                .ConfigureAwait(false);
            statements.Add(new StatementPerformance(
                calls.Labels.Get("db") ?? "",
                calls.Labels.Get("statement") ?? "",
                (long)Math.Round(count),
                (long)Math.Round(Math.Max(0, errors)),
                Math.Max(0, seconds),
                Math.Max(0, seconds) / count,
                null,
                null,
                null,
                null));
        }

        return Summarize(from, to, statements);
    }

    /// <summary>Resource instances ranked by closeness to saturation (current / limit), highest first.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>
    /// One entry per series of each configured resource whose latest stored value (10-second roll-up, else
    /// 1-minute) is no older than <see cref="PerformanceAnalyzerOptions.Freshness"/>; empty without history.
    /// </returns>
    /// <exception cref="InvalidOperationException">The history failed.</exception>
    public async Task<IReadOnlyList<ResourceSaturation>> GetBottlenecksAsync(CancellationToken cancellationToken = default)
    {
        if (_history is null)
        {
            return [];
        }

        var now = _timeProvider.GetUtcNow();
        var result = new List<ResourceSaturation>();
        foreach (var (resource, series) in await ResourceSeriesAsync(_history, cancellationToken).ConfigureAwait(false))
        {
            if (await LatestAsync(_history, series, now, cancellationToken).ConfigureAwait(false) is { } latest)
            {
                result.Add(new ResourceSaturation(resource.Name, series, latest.Value, resource.Limit, latest.At));
            }
        }

        return [.. result.OrderByDescending(static r => r.Saturation).ThenBy(static r => r.Series.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>Time to exhaustion of every configured resource instance, soonest first (never and no-data last).</summary>
    /// <param name="lookback">The history fitted; default <see cref="PerformanceAnalyzerOptions.CapacityLookback"/>.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The forecasts; empty without history.</returns>
    /// <exception cref="InvalidOperationException">The history failed.</exception>
    public async Task<IReadOnlyList<CapacityForecast>> GetCapacityAsync(TimeSpan? lookback = null, CancellationToken cancellationToken = default)
    {
        if (_history is null)
        {
            return [];
        }

        var result = new List<CapacityForecast>();
        foreach (var (resource, series) in await ResourceSeriesAsync(_history, cancellationToken).ConfigureAwait(false))
        {
            result.Add(await ForecastAsync(resource.Name, series, resource.Limit, lookback, cancellationToken).ConfigureAwait(false));
        }

        return [.. result
            .OrderBy(static f => f.TimeToExhaustion ?? TimeSpan.MaxValue)
            .ThenBy(static f => f.Outlook == CapacityOutlook.InsufficientData)
            .ThenBy(static f => f.Series.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>
    /// Forecasts when <paramref name="series"/> reaches <paramref name="limit"/>: a least-squares line through the
    /// bucket means of the lookback, and a 95 % band from the standard error of its slope.
    /// </summary>
    /// <param name="resource">The name the forecast carries.</param>
    /// <param name="series">The usage series.</param>
    /// <param name="limit">The exhaustion level.</param>
    /// <param name="lookback">The history fitted; default <see cref="PerformanceAnalyzerOptions.CapacityLookback"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The forecast (see <see cref="CapacityForecast"/>; exhaustion beyond 1000 years counts as never).</returns>
    /// <exception cref="InvalidOperationException">No history is configured, or it failed.</exception>
    public async Task<CapacityForecast> ForecastAsync(
        string resource, SeriesKey series, double limit, TimeSpan? lookback = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(series);
        var window = lookback ?? _options.CapacityLookback;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero, nameof(lookback));
        var history = RequireHistory();
        var now = _timeProvider.GetUtcNow();
        var fit = await FitAsync(history, series, window, now, cancellationToken).ConfigureAwait(false);
        if (fit is not { Count: >= 3 } line)
        {
            return new CapacityForecast(resource, series, CapacityOutlook.InsufficientData, double.NaN, limit, double.NaN, double.NaN, fit?.Count ?? 0, null, null, null);
        }

        var current = line.ValueAt(0);
        var slope = line.Slope;
        if (current >= limit)
        {
            return Make(CapacityOutlook.Exhausted, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        if (slope <= 0)
        {
            return Make(CapacityOutlook.Never, null, null, null);
        }

        var remaining = limit - current;
        var margin = StudentT.Critical95(line.Count - 2) * line.SlopeStandardError;
        var expected = Until(remaining, slope);
        return expected is null
            ? Make(CapacityOutlook.Never, null, null, null)
            : Make(CapacityOutlook.Forecast, expected, Until(remaining, slope + margin), Until(remaining, slope - margin));

        CapacityForecast Make(CapacityOutlook outlook, TimeSpan? time, TimeSpan? earliest, TimeSpan? latest) => new(
            resource, series, outlook, current, limit, slope * SecondsPerHour, line.SlopeStandardError * SecondsPerHour, line.Count, time, earliest, latest);
    }

    /// <summary>The trend of each series over each window.</summary>
    /// <param name="series">The series.</param>
    /// <param name="windows">The trailing windows; default <see cref="PerformanceAnalyzerOptions.TrendWindows"/>.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>One trend per series and window, in that order.</returns>
    /// <exception cref="InvalidOperationException">No history is configured, or it failed.</exception>
    public async Task<IReadOnlyList<SeriesTrend>> GetTrendsAsync(
        IEnumerable<SeriesKey> series, IEnumerable<TimeSpan>? windows = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var spans = windows?.ToArray() ?? [.. _options.TrendWindows];
        var result = new List<SeriesTrend>();
        foreach (var key in series)
        {
            foreach (var window in spans)
            {
                result.Add(await GetTrendAsync(key, window, cancellationToken).ConfigureAwait(false));
            }
        }

        return result;
    }

    /// <summary>The least-squares slope and percent change of <paramref name="series"/> over the trailing <paramref name="window"/>.</summary>
    /// <param name="series">The series.</param>
    /// <param name="window">The trailing window; 1-minute buckets up to 2 days, 1-hour buckets beyond.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The trend; NaN figures with fewer than two buckets.</returns>
    /// <exception cref="InvalidOperationException">No history is configured, or it failed.</exception>
    public async Task<SeriesTrend> GetTrendAsync(SeriesKey series, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var history = RequireHistory();
        var fit = await FitAsync(history, series, window, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (fit is not { } line)
        {
            return new SeriesTrend(series, window, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var start = line.ValueAt(-window.TotalSeconds);
        var end = line.ValueAt(0);
        var percent = start == 0 ? double.NaN : 100 * (end - start) / Math.Abs(start);
        return new SeriesTrend(series, window, line.Count, line.Slope * SecondsPerHour, start, end, percent);
    }

    /// <summary>The hour-of-week profile of <paramref name="series"/> from its 1-hour roll-ups of the past weeks.</summary>
    /// <param name="series">The series.</param>
    /// <param name="weeks">How many past weeks; default <see cref="PerformanceAnalyzerOptions.BaselineWeeks"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The profile (168 hours).</returns>
    /// <exception cref="InvalidOperationException">No history is configured, or it failed.</exception>
    public async Task<SeasonalBaseline> GetBaselineAsync(SeriesKey series, int? weeks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var count = weeks ?? _options.BaselineWeeks;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(weeks));
        var history = RequireHistory();
        var now = _timeProvider.GetUtcNow();
        var hourly = await history.QueryRangeAsync(series, RollupResolution.OneHour, now - TimeSpan.FromDays(7 * count), now, cancellationToken)
            .ConfigureAwait(false);
        return SeasonalBaseline.FromHourlyMeans(series, HourlyMeans.Of(hourly));
    }

    /// <summary>The latest value of <paramref name="series"/> against its band for the current hour of the week.</summary>
    /// <param name="series">The series.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The deviation, or <see langword="null"/> when the series has no value within <see cref="PerformanceAnalyzerOptions.Freshness"/>.</returns>
    /// <exception cref="InvalidOperationException">No history is configured, or it failed.</exception>
    public async Task<BaselineDeviation?> GetBaselineDeviationAsync(SeriesKey series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var history = RequireHistory();
        var now = _timeProvider.GetUtcNow();
        if (await LatestAsync(history, series, now, cancellationToken).ConfigureAwait(false) is not { } latest)
        {
            return null;
        }

        var profile = await GetBaselineAsync(series, null, cancellationToken).ConfigureAwait(false);
        var hour = profile.At(now);
        return new BaselineDeviation(series, latest.At, latest.Value, hour, hour.ZScore(latest.Value), profile);
    }

    /// <summary>Every section at once, for the configured resources; never throws for a failing history.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>
    /// The report. Query performance is live when database instrumentation was given, else read from history over
    /// <see cref="PerformanceAnalyzerOptions.QueryPerformanceWindow"/>. Trends and baselines cover the resource series.
    /// </returns>
    public async Task<PerformanceReport> GetReportAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var problems = new List<string>();
        var query = _databases.Length > 0 || _history is null
            ? GetQueryPerformance()
            : await Section(
                "query performance",
                () => GetQueryPerformanceAsync(now - _options.QueryPerformanceWindow, now, cancellationToken),
                new QueryPerformanceReport(now - _options.QueryPerformanceWindow, now, [], []),
                problems).ConfigureAwait(false);
        var bottlenecks = await Section("bottlenecks", () => GetBottlenecksAsync(cancellationToken), [], problems).ConfigureAwait(false);
        var capacity = await Section("capacity", () => GetCapacityAsync(null, cancellationToken), [], problems).ConfigureAwait(false);
        IReadOnlyList<SeriesTrend> trends = [];
        IReadOnlyList<BaselineDeviation> baselines = [];
        if (_history is not null)
        {
            var series = await Section("resources", () => ResourceSeriesAsync(_history, cancellationToken), [], problems).ConfigureAwait(false);
            var keys = series.Select(static s => s.Series).ToList();
            trends = await Section("trends", () => GetTrendsAsync(keys, null, cancellationToken), [], problems).ConfigureAwait(false);
            baselines = await Section("baselines", () => DeviationsAsync(keys, cancellationToken), [], problems).ConfigureAwait(false);
        }

        return new PerformanceReport(now, query, bottlenecks, capacity, trends, baselines, problems);
    }

    private static async Task<T> Section<T>(string name, Func<Task<T>> compute, T fallback, List<string> problems)
    {
        try
        {
            return await compute().ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            problems.Add($"{name}: {e.Message}");
            return fallback;
        }
    }

    private async Task<IReadOnlyList<BaselineDeviation>> DeviationsAsync(IEnumerable<SeriesKey> series, CancellationToken cancellationToken)
    {
        var result = new List<BaselineDeviation>();
        foreach (var key in series)
        {
            if (await GetBaselineDeviationAsync(key, cancellationToken).ConfigureAwait(false) is { } deviation)
            {
                result.Add(deviation);
            }
        }

        return result;
    }

    private QueryPerformanceReport Summarize(DateTimeOffset? from, DateTimeOffset to, List<StatementPerformance> statements)
    {
        var byTotal = statements
            .OrderByDescending(static s => s.TotalSeconds)
            .ThenBy(static s => s.Database, StringComparer.Ordinal)
            .ThenBy(static s => s.Statement, StringComparer.Ordinal)
            .ToList();
        var slowest = statements
            .Where(static s => s.Count > 0)
            .OrderByDescending(static s => s.MeanSeconds)
            .ThenByDescending(static s => s.P99Seconds ?? 0)
            .ThenBy(static s => s.Database, StringComparer.Ordinal)
            .ThenBy(static s => s.Statement, StringComparer.Ordinal)
            .Take(_options.TopSlowest)
            .ToList();
        return new QueryPerformanceReport(from, to, byTotal, slowest);
    }

    private async Task<List<(ResourceDefinition Resource, SeriesKey Series)>> ResourceSeriesAsync(IMetricHistory history, CancellationToken cancellationToken)
    {
        var result = new List<(ResourceDefinition, SeriesKey)>();
        foreach (var resource in _options.Resources)
        {
            foreach (var series in await history.QuerySeriesAsync(resource.Selector.MetricName, cancellationToken).ConfigureAwait(false))
            {
                if (resource.Selector.Matches(series))
                {
                    result.Add((resource, series));
                }
            }
        }

        return result;
    }

    private async Task<(double Value, DateTimeOffset At)?> LatestAsync(
        IMetricHistory history, SeriesKey series, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - _options.Freshness;
        foreach (var resolution in s_latestResolutions)
        {
            // A bucket that started up to one width before the window may still hold a fresh sample.
            var buckets = await history.QueryRangeAsync(series, resolution, from - Width(resolution), now + Width(resolution), cancellationToken)
                .ConfigureAwait(false);
            for (var i = buckets.Count - 1; i >= 0; i--)
            {
                var bucket = buckets[i];
                if (bucket.Count > 0 && bucket.Start + Width(resolution) > from && bucket.Start <= now)
                {
                    return (bucket.Last, bucket.Start);
                }
            }
        }

        return null;
    }

    private static async Task<LinearFit?> FitAsync(
        IMetricHistory history, SeriesKey series, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolution = window <= s_fineResolutionLimit ? RollupResolution.OneMinute : RollupResolution.OneHour;
        var half = Width(resolution).TotalSeconds / 2;
        var buckets = await history.QueryRangeAsync(series, resolution, now - window, now, cancellationToken).ConfigureAwait(false);
        var x = new double[buckets.Count];
        var y = new double[buckets.Count];
        var n = 0;
        foreach (var bucket in buckets)
        {
            if (bucket.Count > 0)
            {
                // x: seconds from now to the bucket's middle (negative: in the past), so the intercept is the value now.
                x[n] = (bucket.Start - now).TotalSeconds + half;
                y[n] = bucket.Mean;
                n++;
            }
        }

        return LinearFit.Fit(x.AsSpan(0, n), y.AsSpan(0, n));
    }

    private static async Task<double> IncreaseAsync(
        IMetricHistory history, SeriesKey counter, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var buckets = await history.QueryRangeAsync(counter, RollupResolution.OneMinute, from, to, cancellationToken).ConfigureAwait(false);
        if (buckets.Count == 0)
        {
            return 0;
        }

        // The first bucket's smallest value is its first (a counter only grows between resets).
        var previous = buckets[0].Min;
        double increase = 0;
        foreach (var bucket in buckets)
        {
            increase += bucket.Last >= previous ? bucket.Last - previous : bucket.Last;
            previous = bucket.Last;
        }

        return increase;
    }

    private static TimeSpan? Until(double remaining, double slopePerSecond)
    {
        const double maxSeconds = 1000 * 365.25 * 86400;
        if (!(slopePerSecond > 0))
        {
            return null;
        }

        var seconds = remaining / slopePerSecond;
        return seconds > maxSeconds ? null : TimeSpan.FromSeconds(seconds);
    }

    private static TimeSpan Width(RollupResolution resolution) => resolution switch
    {
        RollupResolution.TenSeconds => TimeSpan.FromSeconds(10),
        RollupResolution.OneMinute => TimeSpan.FromMinutes(1),
        _ => TimeSpan.FromHours(1),
    };

    private IMetricHistory RequireHistory() =>
        _history ?? throw new InvalidOperationException("No metric history is configured for the performance analyzer.");
}
