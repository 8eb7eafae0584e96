using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Load averages from <c>/proc/loadavg</c>: <c>system_load_average{period="1m"|"5m"|"15m"}</c>.</summary>
/// <remarks>Not thread-safe (one poller). A poll allocates nothing.</remarks>
public sealed class LoadAverageSource : IMetricSource, IDisposable
{
    private readonly ProcFile _file;
    private readonly SeriesKey[] _keys =
    [
        SeriesKey.Create(SystemMetricNames.LoadAverage, new Label("period", "1m")),
        SeriesKey.Create(SystemMetricNames.LoadAverage, new Label("period", "5m")),
        SeriesKey.Create(SystemMetricNames.LoadAverage, new Label("period", "15m")),
    ];

    /// <summary>Creates the source.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/loadavg</c>.</param>
    public LoadAverageSource(string rootPath = "/")
    {
        _file = new ProcFile(ProcPaths.Under(rootPath, "proc/loadavg"), 256);
    }

    /// <inheritdoc />
    public string Name => "linux.loadavg";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var tokens = new SpanTokenizer(_file.Read());
        Span<double> values = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!tokens.NextDouble(out values[i]))
            {
                throw new FormatException($"{_file.Path}: expected three load averages.");
            }
        }

        for (var i = 0; i < 3; i++)
        {
            observer.OnNext(new MetricSample(_keys[i], timestampTicks, values[i]));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
