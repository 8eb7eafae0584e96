using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// A live pipeline as a host runs it: a <see cref="MetricIngest"/> written by the calling thread, drained by an
/// <see cref="IngestLoop"/> thread that is also the rules' scheduler, feeding <paramref name="rules"/>.
/// </summary>
internal sealed class IngestPipeline : IDisposable
{
    private readonly IngestLoop _loop;
    private readonly IDisposable _subscription;

    public IngestPipeline(AlertRule[] rules, bool dedicatedSpinningConsumer, Action<AlertEvent> onAlert)
    {
        var options = new IngestOptions
        {
            CapacityPerWriter = 1 << 16,
            FullMode = IngestFullMode.Reject,
            DedicatedSpinningConsumer = dedicatedSpinningConsumer,
        };
        Ingest = new MetricIngest(options, TimeProvider.System);
        _loop = new IngestLoop(Ingest, options, TimeProvider.System);
        _subscription = Ingest.Samples.EvaluateRules(rules, _loop).Subscribe(onAlert);
        _loop.Start();
    }

    public MetricIngest Ingest { get; }

    /// <summary>Records every sample, retrying while the writer's queue is full, so none is lost.</summary>
    public void RecordAll(MetricSample[] samples)
    {
        foreach (var sample in samples)
        {
            while (!Ingest.Record(sample.Key, sample.TimestampTicks, sample.Value))
            {
                Thread.SpinWait(8);
            }
        }
    }

    /// <summary>Spins until the consumer has taken everything recorded (delivered, or dropped and counted).</summary>
    public void WaitUntilDelivered()
    {
        var spin = new SpinWait();
        while (Ingest.GetStatistics() is var s && s.Delivered + s.Late + s.SeriesRejected < s.Accepted)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    public void Dispose()
    {
        _loop.Dispose();
        _subscription.Dispose();
        Ingest.Dispose();
    }
}
