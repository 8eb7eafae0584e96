using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// A live pipeline as a host runs it: a <see cref="MetricIngest"/> written by the calling thread(s), drained by an
/// <see cref="IngestLoop"/> thread that is also the rules' scheduler, feeding the rules (or, without rules, one
/// subscriber that sums the values: the ingest alone).
/// </summary>
internal sealed class IngestPipeline : IDisposable
{
    private readonly IngestLoop _loop;
    private readonly IDisposable _subscription;
    private readonly SummingObserver? _summing;

    public IngestPipeline(AlertRule[]? rules, bool dedicatedSpinningConsumer, Action<AlertEvent> onAlert)
    {
        var options = new IngestOptions
        {
            CapacityPerWriter = 1 << 16,
            FullMode = IngestFullMode.Reject,
            DedicatedSpinningConsumer = dedicatedSpinningConsumer,
        };
        Ingest = new MetricIngest(options, TimeProvider.System);
        _loop = new IngestLoop(Ingest, options, TimeProvider.System);
        if (rules is null)
        {
            _summing = new SummingObserver();
            _subscription = Ingest.Samples.Subscribe(_summing);
        }
        else
        {
            _subscription = Ingest.Samples.EvaluateRules(rules, _loop).Subscribe(onAlert);
        }

        _loop.Start();
    }

    public MetricIngest Ingest { get; }

    /// <summary>The values' sum when the pipeline has no rules (so the delivery is not optimised away).</summary>
    public double Sum => _summing?.Sum ?? 0;

    /// <summary>
    /// Records every sample, retrying while the writer's queue is full so none is lost: spinning a little, then
    /// yielding the core (on an oversubscribed machine a writer that spins on a full ring takes the consumer's core).
    /// </summary>
    public void RecordAll(MetricSample[] samples)
    {
        foreach (var sample in samples)
        {
            var spin = default(SpinWait);
            while (!Ingest.Record(sample.Key, sample.TimestampTicks, sample.Value))
            {
                spin.SpinOnce();
            }
        }
    }

    /// <summary>Waits until the consumer has taken everything recorded (delivered, or dropped and counted).</summary>
    public void WaitUntilDelivered()
    {
        var spin = default(SpinWait);
        while (Ingest.GetStatistics() is var s && s.Delivered + s.Late + s.SeriesRejected < s.Accepted)
        {
            spin.SpinOnce();
        }
    }

    public void Dispose()
    {
        _loop.Dispose();
        _subscription.Dispose();
        Ingest.Dispose();
    }

    private sealed class SummingObserver : IObserver<MetricSample>
    {
        public double Sum { get; private set; }

        public void OnNext(MetricSample value) => Sum += value.Value;

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
