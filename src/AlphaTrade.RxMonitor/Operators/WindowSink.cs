using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Runtime.InteropServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// The per-subscription state of the tumbling and sliding window operators: per series, a ring of panes (one
/// slide long each; a tumbling window is one pane) and the next window end to emit; one re-armed timer closes
/// windows when series fall silent.
/// </summary>
/// <remarks>
/// A window [e − size, e) is emitted when event time reaches e — a sample of that series at or after e, or the
/// timer at e + close delay on the scheduler's clock — and only if it holds samples. Samples, the timer and
/// disposal are serialized by one lock, and windows are emitted under it, so downstream sees one call at a time.
/// </remarks>
internal sealed class WindowSink : IObserver<MetricSample>, IDisposable
{
    private readonly IObserver<WindowAggregate> _downstream;
    private readonly IScheduler _scheduler;
    private readonly long _size;
    private readonly long _slide;
    private readonly long _delay;
    private readonly int _panesPerWindow;
    private readonly double[] _quantiles;
    private readonly DDSketch? _scratch;
    private readonly Dictionary<SeriesKey, SeriesState> _series = [];
    private readonly Lock _gate = new();
    private readonly SingleAssignmentDisposable _upstream = new();
    private readonly SerialDisposable _timer = new();
    private long _timerDue = long.MaxValue;
    private bool _stopped;

    public WindowSink(IObserver<WindowAggregate> downstream, TimeSpan size, TimeSpan slide, TimeSpan closeDelay, IScheduler scheduler, double[] quantiles)
    {
        _downstream = downstream;
        _scheduler = scheduler;
        _size = size.Ticks;
        _slide = slide.Ticks;
        _delay = closeDelay.Ticks;
        _panesPerWindow = (int)(_size / _slide);
        _quantiles = quantiles;
        _scratch = quantiles.Length > 0 ? new DDSketch() : null;
    }

    public void Run(IObservable<MetricSample> source) => _upstream.Disposable = source.Subscribe(this);

    public void OnNext(MetricSample value)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_series, value.Key, out _);
            state ??= new SeriesState(value.Key, _slide, _panesPerWindow, _quantiles.Length > 0);
            var t = value.TimestampTicks;
            var paneStart = EpochWindows.StartOf(t, _slide);
            Advance(state, paneStart);
            if (t < state.ClosedUpTo)
            {
                return;
            }

            var pane = state.PaneFor(paneStart);
            pane.Values.Add(value.Value);
            pane.Sketch?.Add(value.Value);
            if (state.NextEnd == long.MaxValue)
            {
                state.NextEnd = paneStart + _slide;
            }

            ArmTimer(state.NextEnd);
        }
    }

    public void OnError(Exception error)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            Stop();
            _downstream.OnError(error);
        }
    }

    public void OnCompleted()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            // End of input: every pending window is complete.
            foreach (var state in _series.Values)
            {
                Advance(state, long.MaxValue - _size);
            }

            Stop();
            _downstream.OnCompleted();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Stop();
        }
    }

    private void Stop()
    {
        _stopped = true;
        _timer.Dispose();
        _upstream.Dispose();
    }

    /// <summary>Emits the windows of <paramref name="state"/> that end at or before <paramref name="until"/> and hold samples.</summary>
    private void Advance(SeriesState state, long until)
    {
        var closed = EpochWindows.StartOf(until, _slide);
        if (closed > state.ClosedUpTo)
        {
            state.ClosedUpTo = closed;
        }

        while (state.NextEnd <= until)
        {
            if (!Emit(state, state.NextEnd))
            {
                state.NextEnd = long.MaxValue;
                return;
            }

            state.NextEnd += _slide;
        }

        // Nothing left for the next window: no timer for it until a new sample arrives.
        if (state.NextEnd != long.MaxValue && !HasSamples(state, state.NextEnd))
        {
            state.NextEnd = long.MaxValue;
        }
    }

    private bool HasSamples(SeriesState state, long end)
    {
        for (var start = end - _size; start < end; start += _slide)
        {
            if (state.PaneAt(start) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Emits the window ending at <paramref name="end"/> from its panes; false when it holds no samples.</summary>
    private bool Emit(SeriesState state, long end)
    {
        var values = default(WindowAccumulator);
        _scratch?.Clear();
        var firstPane = end - _size;
        for (var start = firstPane; start < end; start += _slide)
        {
            var pane = state.PaneAt(start);
            if (pane is not null)
            {
                values.Merge(pane.Values);
                if (pane.Sketch is not null)
                {
                    _scratch!.Merge(pane.Sketch);
                }
            }
        }

        if (values.Count == 0)
        {
            return false;
        }

        IReadOnlyList<double> estimates = [];
        if (_scratch is not null)
        {
            var array = new double[_quantiles.Length];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = _scratch.Quantile(_quantiles[i]);
            }

            estimates = array;
        }

        _downstream.OnNext(new WindowAggregate(
            state.Key, firstPane, end, values.Count, values.Sum, values.Mean, values.Min, values.Max, values.Last, values.StdDev, _quantiles, estimates));
        return true;
    }

    private void ArmTimer(long nextEnd)
    {
        var due = nextEnd + _delay;
        if (due >= _timerDue)
        {
            return;
        }

        _timerDue = due;
        _timer.Disposable = _scheduler.Schedule(this, new DateTimeOffset(due, TimeSpan.Zero), static (scheduler, self) =>
        {
            self.OnTimer(scheduler.Now.UtcTicks);
            return Disposable.Empty;
        });
    }

    private void OnTimer(long now)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _timerDue = long.MaxValue;
            var next = long.MaxValue;
            foreach (var state in _series.Values)
            {
                if (state.NextEnd != long.MaxValue && state.NextEnd + _delay <= now)
                {
                    Advance(state, now - _delay);
                }

                next = Math.Min(next, state.NextEnd);
            }

            if (next != long.MaxValue)
            {
                ArmTimer(next);
            }
        }
    }

    private sealed class SeriesState(SeriesKey key, long slide, int panes, bool sketches)
    {
        private readonly Pane[] _panes = CreatePanes(panes, sketches);

        public SeriesKey Key { get; } = key;

        /// <summary>The end of the next window to emit; <see cref="long.MaxValue"/> when no sample awaits one.</summary>
        public long NextEnd { get; set; } = long.MaxValue;

        /// <summary>Samples before this time belong to windows already emitted and are ignored.</summary>
        public long ClosedUpTo { get; set; } = long.MinValue;

        public Pane PaneFor(long start)
        {
            var pane = _panes[Slot(start)];
            if (pane.Start != start)
            {
                pane.Start = start;
                pane.Values.Reset();
                pane.Sketch?.Clear();
            }

            return pane;
        }

        public Pane? PaneAt(long start)
        {
            var pane = _panes[Slot(start)];
            return pane.Start == start && pane.Values.Count > 0 ? pane : null;
        }

        private int Slot(long start)
        {
            var slot = (int)((start / slide) % _panes.Length);
            return slot < 0 ? slot + _panes.Length : slot;
        }

        private static Pane[] CreatePanes(int count, bool sketches)
        {
            var panes = new Pane[count];
            for (var i = 0; i < count; i++)
            {
                panes[i] = new Pane(sketches ? new DDSketch() : null);
            }

            return panes;
        }
    }

    private sealed class Pane(DDSketch? sketch)
    {
        public WindowAccumulator Values;

        public long Start { get; set; } = long.MinValue;

        public DDSketch? Sketch { get; } = sketch;
    }
}
