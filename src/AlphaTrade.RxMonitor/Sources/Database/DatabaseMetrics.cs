using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>
/// Provider-neutral database instrumentation for one database: command durations per normalized statement,
/// failures, rows, lock contention and connection-pool usage, as a source and as snapshots for health.
/// </summary>
/// <remarks>
/// <para>
/// Fed by <see cref="InstrumentedDbConnection"/> (wrap any ADO.NET connection with
/// <see cref="DbConnectionMonitoringExtensions.WithMonitoring"/>) or directly through
/// <see cref="RecordCommand"/>, <see cref="RecordLockContention"/> and the connection open/close calls.
/// </para>
/// <para>
/// Pool figures, unless <see cref="DatabaseMetricsOptions.PoolUsage"/> supplies exact ones: in use = open
/// instrumented connections; idle = the most connections ever open at once (the size the pool grew to,
/// since pools keep returned connections) minus those in use; max = <see cref="DatabaseMetricsOptions.MaxPoolSize"/>.
/// </para>
/// <para>
/// Statement text is normalized (<see cref="SqlNormalizer"/>) once per distinct command text (up to 1000
/// texts cached); recording a command whose text was seen before allocates nothing. Thread-safe.
/// </para>
/// </remarks>
public sealed class DatabaseMetrics : IMetricSource
{
    private const int RecentBuckets = 5;
    private const int MaxCachedTexts = 1000;
    private static readonly long s_bucketTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly DatabaseMetricsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private readonly LabelSet _labels;
    private readonly Dictionary<string, StatementStats> _byText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatementStats> _byStatement = new(StringComparer.Ordinal);
    private readonly List<StatementStats> _statements = [];
    private readonly DDSketch _durations = new();
    private readonly double[] _quantiles;
    private readonly SeriesKey[] _quantileKeys;
    private readonly SeriesKey _queries;
    private readonly SeriesKey _failures;
    private readonly SeriesKey _average;
    private readonly SeriesKey _rows;
    private readonly SeriesKey _recentFailures;
    private readonly SeriesKey _recentAverage;
    private readonly SeriesKey _contentions;
    private readonly SeriesKey _lockWait;
    private readonly SeriesKey _inUse;
    private readonly SeriesKey _idle;
    private readonly SeriesKey _max;
    private readonly SeriesKey _usage;
    private readonly long[] _bucketMinute = new long[RecentBuckets];
    private readonly long[] _bucketQueries = new long[RecentBuckets];
    private readonly long[] _bucketFailures = new long[RecentBuckets];
    private readonly double[] _bucketSeconds = new double[RecentBuckets];
    private long _queriesTotal;
    private long _failuresTotal;
    private long _rowsTotal;
    private long _contentionsTotal;
    private double _lockWaitSeconds;
    private long _intervalQueries;
    private double _intervalSeconds;
    private int _open;
    private int _peakOpen;
    private bool? _probeUp;
    private double? _probeLatency;

    /// <summary>Creates the instrumentation of one database.</summary>
    /// <param name="options">Name, pool size and classifiers; validated here.</param>
    /// <param name="timeProvider">The clock for durations and the recent window.</param>
    /// <exception cref="ConfigurationException">The options are invalid (every problem listed).</exception>
    public DatabaseMetrics(DatabaseMetricsOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid(DatabaseMetricsOptions.Section);
        _options = options;
        _timeProvider = timeProvider;
        _labels = LabelSet.Create(new Label("db", options.Name));
        _quantiles = [.. options.Quantiles];
        _quantileKeys = [.. _quantiles.Select(q => SeriesKey.Create(
            DatabaseMetricNames.QueryDurationSeconds, _labels.With(new Label("quantile", q.ToString(CultureInfo.InvariantCulture)))))];
        _queries = SeriesKey.Create(DatabaseMetricNames.QueriesTotal, _labels);
        _failures = SeriesKey.Create(DatabaseMetricNames.QueryFailuresTotal, _labels);
        _average = SeriesKey.Create(DatabaseMetricNames.QueryDurationAverageSeconds, _labels);
        _rows = SeriesKey.Create(DatabaseMetricNames.RowsTotal, _labels);
        _recentFailures = SeriesKey.Create(DatabaseMetricNames.QueryFailuresRecent, _labels);
        _recentAverage = SeriesKey.Create(DatabaseMetricNames.QueryDurationRecentAverageSeconds, _labels);
        _contentions = SeriesKey.Create(DatabaseMetricNames.LockContentionsTotal, _labels);
        _lockWait = SeriesKey.Create(DatabaseMetricNames.LockWaitSecondsTotal, _labels);
        _inUse = SeriesKey.Create(DatabaseMetricNames.PoolConnections, _labels.With(new Label("state", "in_use")));
        _idle = SeriesKey.Create(DatabaseMetricNames.PoolConnections, _labels.With(new Label("state", "idle")));
        _max = SeriesKey.Create(DatabaseMetricNames.PoolMaxConnections, _labels);
        _usage = SeriesKey.Create(DatabaseMetricNames.PoolUsagePercent, _labels);
        Array.Fill(_bucketMinute, long.MinValue);
    }

    /// <inheritdoc />
    public string Name => "db." + _options.Name;

    /// <summary>The database name (the <c>db</c> label).</summary>
    public string DatabaseName => _options.Name;

    /// <summary>The clock this instrumentation measures with.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Whether <paramref name="error"/> is lock contention, per the options' classifier.</summary>
    /// <param name="error">The exception a command threw.</param>
    /// <returns><see langword="true"/> for lock contention.</returns>
    public bool IsLockContention(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return _options.IsLockContention(error);
    }

    /// <summary>Records one executed command.</summary>
    /// <param name="commandText">The SQL text (normalized here; literals never reach a label).</param>
    /// <param name="duration">How long it ran.</param>
    /// <param name="success">Whether it completed without throwing.</param>
    /// <param name="rows">Rows affected (negative values count as 0).</param>
    public void RecordCommand(string commandText, TimeSpan duration, bool success, long rows = 0)
    {
        ArgumentNullException.ThrowIfNull(commandText);
        var seconds = Math.Max(0, duration.TotalSeconds);
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            var statement = Statement(commandText);
            statement.Calls++;
            statement.Seconds += seconds;
            statement.Durations.Add(seconds);
            statement.Rows += Math.Max(0, rows);
            _queriesTotal++;
            _rowsTotal += Math.Max(0, rows);
            _intervalQueries++;
            _intervalSeconds += seconds;
            _durations.Add(seconds);
            var bucket = Bucket(now);
            _bucketQueries[bucket]++;
            _bucketSeconds[bucket] += seconds;
            if (!success)
            {
                statement.Failures++;
                _failuresTotal++;
                _bucketFailures[bucket]++;
            }
        }
    }

    /// <summary>Records a lock contention and how long the command waited before it gave up.</summary>
    /// <param name="waited">The wait (the failed command's duration, which includes the provider's busy timeout).</param>
    public void RecordLockContention(TimeSpan waited)
    {
        lock (_gate)
        {
            _contentionsTotal++;
            _lockWaitSeconds += Math.Max(0, waited.TotalSeconds);
        }
    }

    /// <summary>Records that a connection was opened (taken from the pool).</summary>
    public void ConnectionOpened()
    {
        lock (_gate)
        {
            _open++;
            _peakOpen = Math.Max(_peakOpen, _open);
        }
    }

    /// <summary>Records that a connection was closed (returned to the pool).</summary>
    public void ConnectionClosed()
    {
        lock (_gate)
        {
            _open = Math.Max(0, _open - 1);
        }
    }

    /// <summary>Records the outcome of a probe query (see <see cref="DatabaseProbeSource"/>).</summary>
    /// <param name="succeeded">Whether it succeeded.</param>
    /// <param name="latency">Its latency when it succeeded.</param>
    public void RecordProbe(bool succeeded, TimeSpan? latency)
    {
        lock (_gate)
        {
            _probeUp = succeeded;
            _probeLatency = succeeded ? latency?.TotalSeconds : _probeLatency;
        }
    }

    /// <summary>The current pool usage.</summary>
    /// <returns>Exact figures from the options' provider, else derived from instrumented connections.</returns>
    public ConnectionPoolUsage GetPoolUsage()
    {
        if (_options.PoolUsage is { } exact)
        {
            return exact();
        }

        lock (_gate)
        {
            return new ConnectionPoolUsage(_open, Math.Max(0, Math.Min(_peakOpen, _options.MaxPoolSize) - _open), _options.MaxPoolSize);
        }
    }

    /// <summary>The figures health checks use, now.</summary>
    /// <returns>A snapshot; "recent" figures cover the last 5 minutes.</returns>
    public DatabaseSnapshot GetSnapshot()
    {
        var pool = GetPoolUsage();
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            var (queries, failures, seconds) = Recent(now);
            return new DatabaseSnapshot(
                _options.Name,
                pool,
                _queriesTotal,
                _failuresTotal,
                queries,
                failures,
                queries > 0 ? seconds / queries : 0,
                _contentionsTotal,
                _probeUp,
                _probeLatency,
                TimeSpan.FromTicks(RecentBuckets * s_bucketTicks));
        }
    }

    /// <summary>Per normalized statement, everything recorded since start: calls, failures, time and duration quantiles.</summary>
    /// <returns>One entry per statement label (at most <see cref="DatabaseMetricsOptions.MaxStatements"/> plus <c>other</c>), in first-seen order.</returns>
    /// <remarks>Quantiles come from a DDSketch per statement (within 1 % of the true value); allocates the result.</remarks>
    public IReadOnlyList<StatementStatistics> GetStatementStatistics()
    {
        lock (_gate)
        {
            return [.. _statements.Select(s => new StatementStatistics(
                _options.Name,
                s.Statement,
                s.Calls,
                s.Failures,
                s.Seconds,
                s.Calls > 0 ? s.Seconds / s.Calls : 0,
                s.Durations.Count > 0 ? s.Durations.Quantile(0.5) : 0,
                s.Durations.Count > 0 ? s.Durations.Quantile(0.95) : 0,
                s.Durations.Count > 0 ? s.Durations.Quantile(0.99) : 0,
                s.Durations.Count > 0 ? s.Durations.Max : 0))];
        }
    }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var pool = GetPoolUsage();
        lock (_gate)
        {
            observer.OnNext(new MetricSample(_queries, timestampTicks, _queriesTotal));
            observer.OnNext(new MetricSample(_failures, timestampTicks, _failuresTotal));
            observer.OnNext(new MetricSample(_rows, timestampTicks, _rowsTotal));
            observer.OnNext(new MetricSample(_contentions, timestampTicks, _contentionsTotal));
            observer.OnNext(new MetricSample(_lockWait, timestampTicks, _lockWaitSeconds));
            var (recentQueries, recentFailures, recentSeconds) = Recent(timestampTicks);
            observer.OnNext(new MetricSample(_recentFailures, timestampTicks, recentFailures));
            if (recentQueries > 0)
            {
                observer.OnNext(new MetricSample(_recentAverage, timestampTicks, recentSeconds / recentQueries));
            }
            if (_intervalQueries > 0)
            {
                observer.OnNext(new MetricSample(_average, timestampTicks, _intervalSeconds / _intervalQueries));
                for (var i = 0; i < _quantiles.Length; i++)
                {
                    observer.OnNext(new MetricSample(_quantileKeys[i], timestampTicks, _durations.Quantile(_quantiles[i])));
                }
            }

            _intervalQueries = 0;
            _intervalSeconds = 0;
            _durations.Clear();
            foreach (var statement in _statements)
            {
                statement.Emit(timestampTicks, observer);
            }
        }

        observer.OnNext(new MetricSample(_inUse, timestampTicks, pool.InUse));
        observer.OnNext(new MetricSample(_idle, timestampTicks, pool.Idle));
        observer.OnNext(new MetricSample(_max, timestampTicks, pool.Max));
        observer.OnNext(new MetricSample(_usage, timestampTicks, pool.UsagePercent));
    }

    private StatementStats Statement(string commandText)
    {
        if (_byText.TryGetValue(commandText, out var stats))
        {
            return stats;
        }

        var normalized = SqlNormalizer.Normalize(commandText);
        if (!_byStatement.TryGetValue(normalized, out stats))
        {
            var label = _byStatement.Count < _options.MaxStatements ? normalized : "other";
            if (!_byStatement.TryGetValue(label, out stats))
            {
                stats = new StatementStats(_labels.With(new Label("statement", label)), label);
                _byStatement.Add(label, stats);
                _statements.Add(stats);
            }
        }

        if (_byText.Count < MaxCachedTexts)
        {
            _byText.Add(commandText, stats);
        }

        return stats;
    }

    private (long Queries, long Failures, double Seconds) Recent(long now)
    {
        var minute = now / s_bucketTicks;
        long queries = 0, failures = 0;
        double seconds = 0;
        for (var i = 0; i < RecentBuckets; i++)
        {
            if (_bucketMinute[i] > minute - RecentBuckets)
            {
                queries += _bucketQueries[i];
                failures += _bucketFailures[i];
                seconds += _bucketSeconds[i];
            }
        }

        return (queries, failures, seconds);
    }

    private int Bucket(long now)
    {
        var minute = now / s_bucketTicks;
        var index = (int)(minute % RecentBuckets);
        if (_bucketMinute[index] != minute)
        {
            _bucketMinute[index] = minute;
            _bucketQueries[index] = 0;
            _bucketFailures[index] = 0;
            _bucketSeconds[index] = 0;
        }

        return index;
    }
}
