using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>Writes a source's samples into the ingest through <see cref="MetricIngest.Record(SeriesKey, long, double)"/>, on the poll's own thread.</summary>
internal sealed class IngestRecordingObserver(MetricIngest ingest) : IObserver<MetricSample>
{
    public void OnNext(MetricSample value) => ingest.Record(value.Key, value.TimestampTicks, value.Value);

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
