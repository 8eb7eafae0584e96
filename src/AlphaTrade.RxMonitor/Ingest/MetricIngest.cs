using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// The entry of the pipeline: any thread records samples without blocking, and one consumer hands them, in
/// order per writer, to the subscribers of <see cref="Samples"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each writer thread gets its own bounded single-producer ring on its first <c>Record</c>, so writers never
/// contend with each other and a write is a slot store plus a release of the head: no lock, no allocation,
/// no exception. A full ring drops or rejects by <see cref="IngestOptions.FullMode"/>, and every drop is
/// counted in <see cref="GetStatistics"/>. NaN and infinite values are refused and counted as invalid.
/// </para>
/// <para>
/// <see cref="Drain"/> is the consumer: it must be called by one thread at a time — an <see cref="IngestLoop"/>
/// thread in a live host, or the test itself in virtual time — and it calls the subscribers on that thread,
/// so the pipeline behind <see cref="Samples"/> sees a serialized stream. A drain hands each writer's queued run
/// to one subscriber after another: each subscriber sees every sample in order, but subscriber A takes the
/// whole run before B sees its first sample. A subscriber that throws is reported to the failure listener and
/// keeps receiving (from the sample after the one it threw on); it never stops delivery to the others.
/// </para>
/// </remarks>
public sealed class MetricIngest
{
    [ThreadStatic]
    private static MetricIngest? t_owner;

    [ThreadStatic]
    private static WriterRing? t_ring;

    private readonly IngestOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IFailureListener? _failureListener;
    private readonly Lock _gate = new();
    private readonly MetricSample[] _scratch;
    private WriterRing[] _rings = [];
    private IObserver<MetricSample>[] _observers = [];
    private long _retiredAccepted;
    private long _retiredDropped;
    private long _retiredRejected;
    private long _retiredInvalid;
    private long _delivered;
    private long _lastLagTicks;
    private IngestLoop? _waker;

    /// <summary>Creates an ingest.</summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="timeProvider">The pipeline clock that stamps samples recorded without a time.</param>
    /// <param name="failureListener">Receives subscriber failures; may be <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public MetricIngest(IngestOptions options, TimeProvider timeProvider, IFailureListener? failureListener = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid(nameof(options));

        _options = options;
        _timeProvider = timeProvider;
        _failureListener = failureListener;
        _scratch = new MetricSample[options.MaxBatch];
        Samples = new SampleStream(this);
    }

    /// <summary>
    /// The serialized stream of recorded samples, delivered on the consumer's thread. Hot: a subscriber sees
    /// the samples drained after it subscribed. It never completes or fails.
    /// </summary>
    public IObservable<MetricSample> Samples { get; }

    /// <summary>Records a sample stamped now on the pipeline clock. Never blocks, never throws.</summary>
    /// <param name="key">The series, created once by the caller and reused.</param>
    /// <param name="value">The value; NaN and infinities are refused and counted.</param>
    /// <returns>Whether the sample was queued.</returns>
    public bool Record(SeriesKey key, double value) => Record(key, _timeProvider.GetUtcNow().UtcTicks, value);

    /// <summary>Records a sample with an explicit event time. Never blocks, never throws.</summary>
    /// <param name="key">The series, created once by the caller and reused.</param>
    /// <param name="timestamp">The event time.</param>
    /// <param name="value">The value; NaN and infinities are refused and counted.</param>
    /// <returns>Whether the sample was queued.</returns>
    public bool Record(SeriesKey key, DateTimeOffset timestamp, double value) => Record(key, timestamp.UtcTicks, value);

    /// <summary>Records a sample with an explicit event time in UTC ticks. Never blocks, never throws.</summary>
    /// <param name="key">The series, created once by the caller and reused.</param>
    /// <param name="timestampTicks">The event time in UTC ticks.</param>
    /// <param name="value">The value; NaN and infinities are refused and counted.</param>
    /// <returns>Whether the sample was queued.</returns>
    public bool Record(SeriesKey key, long timestampTicks, double value)
    {
        var ring = ReferenceEquals(t_owner, this) ? t_ring! : RingOfThisThread();
        if (key is null || !double.IsFinite(value))
        {
            ring.CountInvalid();
            return false;
        }

        if (!ring.TryWrite(new MetricSample(key, timestampTicks, value)))
        {
            return false;
        }

        // A plain read of the consumer's park flag, with no fence after the head's release: a fence would make every
        // write wait for the consumer's cache line while it polls. A consumer that parks in the instant this write
        // is still in flight sleeps at most its park bound (IngestLoop).
        _waker?.Wake();

        return true;
    }

    /// <summary>
    /// Hands up to <paramref name="maxSamples"/> queued samples to the subscribers, round-robin over writers.
    /// Call from one consumer thread at a time.
    /// </summary>
    /// <param name="maxSamples">The most samples to hand over in this call.</param>
    /// <returns>How many samples were handed over.</returns>
    public int Drain(int maxSamples = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        var rings = Volatile.Read(ref _rings);
        var delivery = new Delivery(this, Volatile.Read(ref _observers));
        var total = 0;
        var retire = false;
        foreach (var ring in rings)
        {
            var n = ring.Drain(ref delivery, Math.Min(_options.MaxBatch, maxSamples - total));
            total += n;
            retire |= n == 0 && !ring.Owner.IsAlive;
            if (total == maxSamples)
            {
                break;
            }
        }

        if (total > 0)
        {
            _delivered += total;
            Volatile.Write(ref _lastLagTicks, _timeProvider.GetUtcNow().UtcTicks - delivery.FirstTimestampTicks);
        }

        if (retire)
        {
            RetireEmptyRingsOfEndedThreads();
        }

        return total;
    }

    /// <summary>Whether any writer has samples queued.</summary>
    /// <returns><see langword="true"/> when a drain would deliver something.</returns>
    public bool HasPending()
    {
        foreach (var ring in Volatile.Read(ref _rings))
        {
            if (ring.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A snapshot of the counters; safe from any thread.</summary>
    /// <returns>The counters summed over every writer, ended ones included.</returns>
    public IngestStatistics GetStatistics()
    {
        lock (_gate)
        {
            long accepted = _retiredAccepted, dropped = _retiredDropped, rejected = _retiredRejected, invalid = _retiredInvalid, depth = 0;
            foreach (var ring in _rings)
            {
                accepted += ring.Accepted;
                dropped += ring.Dropped;
                rejected += ring.Rejected;
                invalid += ring.Invalid;
                depth += ring.Count;
            }

            return new IngestStatistics(
                accepted, Volatile.Read(ref _delivered), dropped, rejected, invalid, depth, _rings.Length,
                TimeSpan.FromTicks(Math.Max(0, Volatile.Read(ref _lastLagTicks))));
        }
    }

    internal void AttachWaker(IngestLoop? loop) => Volatile.Write(ref _waker, loop);

    private WriterRing RingOfThisThread()
    {
        var ring = new WriterRing(_options.CapacityPerWriter, _options.FullMode, Thread.CurrentThread);
        lock (_gate)
        {
            _rings = [.. _rings, ring];
        }

        t_owner = this;
        t_ring = ring;
        return ring;
    }

    private void RetireEmptyRingsOfEndedThreads()
    {
        lock (_gate)
        {
            var kept = new List<WriterRing>(_rings.Length);
            foreach (var ring in _rings)
            {
                if (ring.Owner.IsAlive || ring.Count > 0)
                {
                    kept.Add(ring);
                    continue;
                }

                _retiredAccepted += ring.Accepted;
                _retiredDropped += ring.Dropped;
                _retiredRejected += ring.Rejected;
                _retiredInvalid += ring.Invalid;
            }

            _rings = [.. kept];
        }
    }

    private Subscription Subscribe(IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    private void Unsubscribe(IObserver<MetricSample> observer)
    {
        lock (_gate)
        {
            _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));
        }
    }

    private void ReportSubscriberFailure(Exception exception) =>
        FailureReporting.Report(_failureListener, new PipelineFailure(
            PipelineComponent.Ingest,
            "samples subscriber",
            "A subscriber of the ingest threw; the sample was skipped for it and delivery went on.",
            exception,
            _timeProvider.GetUtcNow()));

    private struct Delivery(MetricIngest owner, IObserver<MetricSample>[] observers) : ISampleDelivery
    {
        public long FirstTimestampTicks = long.MaxValue;

        public void Deliver(ReadOnlySpan<MetricSample> samples)
        {
            if (FirstTimestampTicks == long.MaxValue)
            {
                FirstTimestampTicks = samples[0].TimestampTicks;
            }

            foreach (var observer in observers)
            {
                if (observer is ISampleBatchObserver batchObserver)
                {
                    DeliverBatch(batchObserver, samples);
                    continue;
                }

                foreach (var sample in samples)
                {
                    try
                    {
                        observer.OnNext(sample);
                    }
                    catch (Exception ex)
                    {
                        owner.ReportSubscriberFailure(ex);
                    }
                }
            }
        }

        private readonly void DeliverBatch(ISampleBatchObserver observer, ReadOnlySpan<MetricSample> samples)
        {
            var next = 0;
            while (next < samples.Length)
            {
                var from = next;
                try
                {
                    observer.OnNextBatch(samples, ref next);
                }
                catch (Exception ex)
                {
                    owner.ReportSubscriberFailure(ex);
                    if (next == from)
                    {
                        // It threw before taking a sample: skip one so delivery always moves on.
                        next++;
                    }
                }
            }
        }

        public readonly Span<MetricSample> Scratch(int length) => owner._scratch.AsSpan(0, length);
    }

    private sealed class SampleStream(MetricIngest owner) : IObservable<MetricSample>
    {
        public IDisposable Subscribe(IObserver<MetricSample> observer) => owner.Subscribe(observer);
    }

    private sealed class Subscription(MetricIngest owner, IObserver<MetricSample> observer) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(observer);
    }
}
