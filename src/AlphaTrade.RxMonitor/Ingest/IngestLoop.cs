using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// The live consumer of a <see cref="MetricIngest"/>: one dedicated thread that drains the writer queues into
/// the pipeline and is also the pipeline's <see cref="IScheduler"/>, so rule timers and samples are serialized
/// on the same thread without a lock.
/// </summary>
/// <remarks>
/// <para>
/// While samples flow the thread drains in batches and never sleeps. On empty queues it spins for
/// <see cref="IngestOptions.SpinBeforePark"/> (so a steady stream never pays a wake-up) — 100 times that (5 ms by
/// default) in a dense, steady stream, so a writer descheduled for a scheduler time slice does not cost a park and a
/// wake-up, while a stream that pauses between bursts parks in its pauses (<see cref="IdleSpinPolicy"/>) — and then
/// parks until a writer or a due timer wakes it; with
/// <see cref="IngestOptions.DedicatedSpinningConsumer"/> it never parks
/// and keeps one core busy for the lowest latency.
/// </para>
/// <para>
/// Writers check the park flag with a plain read and no fence after publishing (a fence per write made each write
/// wait for the cache line the polling consumer reads, cutting cross-thread throughput several times), and signal
/// only when it is set. The consumer pays for both sides instead, once per park: it announces the park, then issues
/// a process-wide memory barrier (<see cref="Interlocked.MemoryBarrierProcessWide"/>), which drains every writer's
/// store buffer, and only then looks for queued samples. So a write either is seen by that look or reads the flag
/// after the announcement and wakes the loop: no wake-up is missed, and a park lasts until a writer, a due timer or
/// the 100 ms bound (a guard, and the idle pipeline's ten wake-ups a second) ends it. Each park is counted
/// (<see cref="IngestStatistics.ConsumerParks"/>).
/// </para>
/// <para>
/// Work scheduled on this scheduler runs on the loop thread between batches. A scheduled action that throws is
/// reported to the failure listener and the loop goes on. This is a real-thread component: virtual-time tests
/// drive <see cref="MetricIngest.Drain"/> and a <c>TestScheduler</c> directly instead.
/// </para>
/// </remarks>
public sealed class IngestLoop : LocalScheduler, IDisposable
{
    private const long NoWakeAsked = long.MinValue;
    private static readonly TimeSpan MaxPark = TimeSpan.FromMilliseconds(100);
    private readonly MetricIngest _ingest;
    private readonly IngestOptions _options;
    private readonly IdleSpinPolicy _idleSpin;
    private readonly TimeProvider _timeProvider;
    private readonly IFailureListener? _failureListener;
    private readonly Lock _gate = new();
    private readonly PriorityQueue<ScheduledWork, (long DueTicks, long Sequence)> _work = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread _thread;
    private long _sequence;
    private ParkFlag _parked;
    private volatile bool _stopping;

    /// <summary>Creates the loop; <see cref="Start"/> starts its thread.</summary>
    /// <param name="ingest">The ingest to drain.</param>
    /// <param name="options">The ingest options (idle strategy).</param>
    /// <param name="timeProvider">The pipeline clock.</param>
    /// <param name="failureListener">Receives failures of scheduled work; may be <see langword="null"/>.</param>
    /// <exception cref="ConfigurationException">The options are invalid; every problem is listed.</exception>
    public IngestLoop(MetricIngest ingest, IngestOptions options, TimeProvider timeProvider, IFailureListener? failureListener = null)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid(IngestOptions.Section);

        _ingest = ingest;
        _options = options;
        _idleSpin = new IdleSpinPolicy(options.SpinBeforePark);
        _timeProvider = timeProvider;
        _failureListener = failureListener;
        _thread = new Thread(Run) { IsBackground = true, Name = "rxmon-ingest" };
        ingest.AttachWaker(this);
    }

    /// <inheritdoc />
    public override DateTimeOffset Now => _timeProvider.GetUtcNow();

    internal bool IsParked => Volatile.Read(ref _parked.Value) != 0;

    /// <summary>Starts the loop thread.</summary>
    public void Start() => _thread.Start();

    /// <inheritdoc />
    public override IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var work = new ScheduledWork(() => action(this, state));
        var due = _timeProvider.GetUtcNow().UtcTicks + Scheduler.Normalize(dueTime).Ticks;
        lock (_gate)
        {
            _work.Enqueue(work, (due, _sequence++));
        }

        Wake();
        return work;
    }

    /// <summary>Stops the thread after a last drain, and waits for it.</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _ingest.AttachWaker(null);
        _wake.Dispose();
    }

    internal void Wake()
    {
        if (Volatile.Read(ref _parked.Value) != 0)
        {
            if (Volatile.Read(ref _parked.WakeAskedAt) == NoWakeAsked)
            {
                Interlocked.CompareExchange(ref _parked.WakeAskedAt, _timeProvider.GetTimestamp(), NoWakeAsked);
            }

            _wake.Set();
        }
    }

    private void Run()
    {
        var started = _timeProvider.GetTimestamp();
        while (!_stopping)
        {
            var drained = _ingest.Drain();
            var ranWork = RunDueWork();
            if (drained > 0)
            {
                _idleSpin.Drained(drained, _timeProvider.GetElapsedTime(started));
                continue;
            }

            if (ranWork)
            {
                continue;
            }

            if (_options.DedicatedSpinningConsumer || _idleSpin.KeepSpinning(_timeProvider.GetElapsedTime(started)))
            {
                Thread.SpinWait(20);
                continue;
            }

            if (Park() is { } wakeAskedAt)
            {
                _idleSpin.WakeAsked(_timeProvider.GetElapsedTime(started, wakeAskedAt));
            }
        }

        _ingest.Drain();
    }

    /// <summary>Parks until a writer, a due timer or the bound wakes the loop.</summary>
    /// <returns>When the first writer asked to wake it (a timestamp of the clock), or <see langword="null"/>.</returns>
    private long? Park()
    {
        Volatile.Write(ref _parked.WakeAskedAt, NoWakeAsked);
        Interlocked.Exchange(ref _parked.Value, 1);
        try
        {
            // Writers read the flag with no fence after their publish: drain their store buffers before the re-check, so
            // a write that read the flag before the announcement is visible to it (and one that reads it after, wakes).
            Interlocked.MemoryBarrierProcessWide();
            if (_ingest.HasPending() || _stopping)
            {
                return null;
            }

            _ingest.CountConsumerPark();
            _wake.Wait(TimeUntilNextWork());
            _wake.Reset();
            var asked = Volatile.Read(ref _parked.WakeAskedAt);
            return asked == NoWakeAsked ? null : asked;
        }
        finally
        {
            Volatile.Write(ref _parked.Value, 0);
        }
    }

    private TimeSpan TimeUntilNextWork()
    {
        lock (_gate)
        {
            if (!_work.TryPeek(out _, out var next))
            {
                return MaxPark;
            }

            var wait = TimeSpan.FromTicks(next.DueTicks - _timeProvider.GetUtcNow().UtcTicks);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait < MaxPark ? wait : MaxPark;
        }
    }

    private bool RunDueWork()
    {
        var ran = false;
        while (true)
        {
            ScheduledWork? work;
            lock (_gate)
            {
                if (!_work.TryPeek(out work, out var next) || next.DueTicks > _timeProvider.GetUtcNow().UtcTicks)
                {
                    return ran;
                }

                _work.Dequeue();
            }

            ran = true;
            work.Run(this);
        }
    }

    private void ReportWorkFailure(Exception exception) =>
        FailureReporting.Report(_failureListener, new PipelineFailure(
            PipelineComponent.Ingest,
            "pipeline scheduler",
            "Work scheduled on the ingest loop threw; the loop went on.",
            exception,
            _timeProvider.GetUtcNow()));

    /// <summary>
    /// The park flag on a cache line of its own: every write reads it, and the loop's own fields (written at every
    /// drain) beside it would make each of those reads a cache miss. Beside it, written only while the loop is parked:
    /// when the first writer asked to wake it, so the idle spin policy learns when the stream's wait ended, not when
    /// the wake-up did (on a VM that can be milliseconds later, and it is no idle time of the stream).
    /// </summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 3 * 64)]
    private struct ParkFlag
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public int Value;

        [System.Runtime.InteropServices.FieldOffset(72)]
        public long WakeAskedAt;
    }

    private sealed class ScheduledWork(Func<IDisposable> action) : IDisposable
    {
        private readonly SingleAssignmentDisposable _result = new();
        private volatile bool _cancelled;

        public void Run(IngestLoop loop)
        {
            if (_cancelled)
            {
                return;
            }

            try
            {
                _result.Disposable = action();
            }
            // Scheduled pipeline work must not kill the loop thread; the failure is reported.
            catch (Exception ex)
            {
                loop.ReportWorkFailure(ex);
            }
        }

        public void Dispose()
        {
            _cancelled = true;
            _result.Dispose();
        }
    }
}
