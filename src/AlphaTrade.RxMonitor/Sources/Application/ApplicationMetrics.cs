using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>
/// The application's own instrumentation as a source: operations (calls, errors, error ratio, duration
/// quantiles), task failures, queue lengths and data freshness.
/// </summary>
/// <remarks>
/// <para>
/// Get a handle once (<see cref="Operation"/>, <see cref="TaskFailures"/>, <see cref="Queue(string)"/>,
/// <see cref="Data"/>) and record on it from any thread: recording allocates nothing. Asking again for the
/// same name returns the same handle. Each poll writes every series; interval figures (error ratio, mean and
/// quantiles of durations) cover the calls since the previous poll and are left out when there were none.
/// </para>
/// <para>Thread-safe. Metric names: <see cref="ApplicationMetricNames"/>.</para>
/// </remarks>
public sealed class ApplicationMetrics : IMetricSource
{
    private readonly TimeProvider _timeProvider;
    private readonly double[] _quantiles;
    private readonly object _gate = new();
    private readonly Dictionary<string, OperationMetrics> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApplicationCounter> _taskFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApplicationGauge> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DataFreshness> _data = new(StringComparer.Ordinal);
    private object[] _emitters = [];

    /// <summary>Creates the instrumentation.</summary>
    /// <param name="timeProvider">The clock for data freshness.</param>
    /// <param name="quantiles">Duration quantiles to report; default 0.5, 0.95, 0.99.</param>
    public ApplicationMetrics(TimeProvider timeProvider, IReadOnlyList<double>? quantiles = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _quantiles = [.. quantiles ?? [0.5, 0.95, 0.99]];
        if (_quantiles.Any(static q => q is < 0 or > 1 || double.IsNaN(q)))
        {
            throw new ArgumentOutOfRangeException(nameof(quantiles), "Quantiles must be within 0..1.");
        }

        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Name => "application";

    /// <summary>The handle that records calls of <paramref name="name"/>.</summary>
    /// <param name="name">The operation name (label <c>operation</c>).</param>
    /// <returns>The handle.</returns>
    public OperationMetrics Operation(string name) => GetOrAdd(_operations, name, n => new OperationMetrics(n, _quantiles));

    /// <summary>The counter of failures of the task <paramref name="task"/> (<c>app_task_failures_total</c>).</summary>
    /// <param name="task">The task name (label <c>task</c>).</param>
    /// <returns>The counter.</returns>
    public ApplicationCounter TaskFailures(string task) =>
        GetOrAdd(_taskFailures, task, static n => new ApplicationCounter(SeriesKey.Create(ApplicationMetricNames.TaskFailuresTotal, new Label("task", n))));

    /// <summary>The gauge of a queue's length that the application sets.</summary>
    /// <param name="queue">The queue name (label <c>queue</c>).</param>
    /// <returns>The gauge.</returns>
    public ApplicationGauge Queue(string queue) => Queue(queue, null);

    /// <summary>A queue-length gauge read from <paramref name="observe"/> on every poll (on the poller's thread).</summary>
    /// <param name="queue">The queue name (label <c>queue</c>).</param>
    /// <param name="observe">Returns the current length; must be fast and thread-safe.</param>
    /// <returns>The gauge.</returns>
    public ApplicationGauge Queue(string queue, Func<double>? observe) =>
        GetOrAdd(_queues, queue, n => new ApplicationGauge(SeriesKey.Create(ApplicationMetricNames.QueueLength, new Label("queue", n)), observe));

    /// <summary>The freshness tracker of a data set (<c>app_data_age_seconds</c>); its age starts at registration.</summary>
    /// <param name="dataset">The data set name (label <c>dataset</c>).</param>
    /// <returns>The tracker.</returns>
    public DataFreshness Data(string dataset) =>
        GetOrAdd(_data, dataset, n => new DataFreshness(SeriesKey.Create(ApplicationMetricNames.DataAgeSeconds, new Label("dataset", n)), _timeProvider));

    /// <summary>The trackers of every data set registered so far.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<DataFreshness> DataSets()
    {
        lock (_gate)
        {
            return [.. _data.Values];
        }
    }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        foreach (var emitter in Volatile.Read(ref _emitters))
        {
            switch (emitter)
            {
                case OperationMetrics operation:
                    operation.Emit(timestampTicks, observer);
                    break;
                case ApplicationCounter counter:
                    counter.Emit(timestampTicks, observer);
                    break;
                case ApplicationGauge gauge:
                    gauge.Emit(timestampTicks, observer);
                    break;
                case DataFreshness data:
                    data.Emit(timestampTicks, observer);
                    break;
            }
        }
    }

    private T GetOrAdd<T>(Dictionary<string, T> handles, string name, Func<string, T> create)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (!handles.TryGetValue(name, out var handle))
            {
                handle = create(name);
                handles.Add(name, handle);
                _emitters = [.. _emitters, handle];
            }

            return handle;
        }
    }
}
