using AlphaTrade.RxMonitor.Metrics;
namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>Cumulative figures of one normalized statement and its series keys (made once).</summary>
internal sealed class StatementStats
{
    private readonly SeriesKey _calls;
    private readonly SeriesKey _failures;
    private readonly SeriesKey _seconds;
    private readonly SeriesKey _rows;

    public StatementStats(LabelSet labels, string statement)
    {
        Statement = statement;
        _calls = SeriesKey.Create(DatabaseMetricNames.StatementCallsTotal, labels);
        _failures = SeriesKey.Create(DatabaseMetricNames.StatementFailuresTotal, labels);
        _seconds = SeriesKey.Create(DatabaseMetricNames.StatementDurationSecondsTotal, labels);
        _rows = SeriesKey.Create(DatabaseMetricNames.StatementRowsTotal, labels);
    }

    public string Statement { get; }

    /// <summary>Durations in seconds since start (1 % relative error); allocates only while its buckets grow.</summary>
    public DDSketch Durations { get; } = new();

    public long Calls { get; set; }

    public long Failures { get; set; }

    public double Seconds { get; set; }

    public long Rows { get; set; }

    public void Emit(long ticks, IObserver<MetricSample> observer)
    {
        observer.OnNext(new MetricSample(_calls, ticks, Calls));
        observer.OnNext(new MetricSample(_failures, ticks, Failures));
        observer.OnNext(new MetricSample(_seconds, ticks, Seconds));
        observer.OnNext(new MetricSample(_rows, ticks, Rows));
    }
}
