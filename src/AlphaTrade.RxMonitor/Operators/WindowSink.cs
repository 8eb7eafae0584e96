using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// The per-subscription state of the tumbling and sliding window operators: per series (in a
/// <see cref="SeriesTable{TState}"/>), the open pane as a <see cref="TumblingWindow{TFigure}"/> one slide long (a
/// tumbling window is one pane), a ring of the panes it closed and the next window end to emit; one re-armed timer
/// closes windows when series fall silent.
/// </summary>
/// <remarks>
/// A window [e − size, e) is emitted when event time reaches e — a sample of that series at or after e, or the
/// timer at e + close delay on the scheduler's clock — and only if it holds samples. Samples, the timer and
/// disposal are serialized by one lock, and windows are emitted under it, so downstream sees one call at a time.
/// The timer's pass forgets the series with nothing pending and no sample for <see cref="MetricObservableExtensions.SeriesIdleAfter"/>
/// (or the window size and close delay, when longer).
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
    private readonly SeriesTable<SeriesState> _series = new();
    private readonly long _idle;
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
        _idle = Math.Max(MetricObservableExtensions.SeriesIdleAfter.Ticks, _size + _delay);
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

            var t = value.TimestampTicks;
            ref var slot = ref _series.GetOrAdd(value.Key, t, out var added);
            if (added)
            {
                slot = new SeriesState(value.Key, _slide, _panesPerWindow, _quantiles.Length > 0);
            }

            var state = slot;
            Advance(state, t);
            if (!state.Pane.Add(t, value.Value, new PaneCloser(state)))
            {
                return;
            }

            if (state.NextEnd == long.MaxValue)
            {
                state.NextEnd = state.Pane.EndTicks;
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

    /// <summary>Closes the open pane of <paramref name="state"/> and emits its windows, when they end at or before <paramref name="until"/> and hold samples.</summary>
    private void Advance(SeriesState state, long until)
    {
        state.Pane.CloseEnded(until, new PaneCloser(state));
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
            if (state.PaneAt(start) is not null || (state.Pane.IsOpen && state.Pane.EndTicks == start + _slide))
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
            var pass = new TimerPass(this, now);
            _series.RemoveWhere(static (_, state, touched, pass) => pass.Visit(state, touched), pass);
            if (pass.Next != long.MaxValue)
            {
                ArmTimer(pass.Next);
            }
        }
    }

    /// <summary>One pass of the timer over the series: closes what is due, finds the next due end, picks the series to forget.</summary>
    private sealed class TimerPass(WindowSink sink, long now)
    {
        public long Next { get; private set; } = long.MaxValue;

        public bool Visit(SeriesState state, long touched)
        {
            if (state.NextEnd != long.MaxValue && state.NextEnd + sink._delay <= now)
            {
                sink.Advance(state, now - sink._delay);
            }

            Next = Math.Min(Next, state.NextEnd);
            return state.NextEnd == long.MaxValue && !state.Pane.IsOpen && now - touched > sink._idle;
        }
    }

    private sealed class SeriesState(SeriesKey key, long slide, int panes, bool sketches)
    {
        private readonly ClosedPane[] _panes = CreatePanes(panes, sketches);
        // A field, not a property: the window is a mutable struct updated in place.
        public TumblingWindow<PaneFigure> Pane = new(TimeSpan.FromTicks(slide), new PaneFigure(sketches ? new DDSketch() : null));

        public SeriesKey Key { get; } = key;

        /// <summary>The end of the next window to emit; <see cref="long.MaxValue"/> when no sample awaits one.</summary>
        public long NextEnd { get; set; } = long.MaxValue;

        /// <summary>Keeps a pane the open window just closed, swapping its sketch for the slot's old one (cleared by the window).</summary>
        public void Keep(long start, ref PaneFigure figure)
        {
            var pane = _panes[Slot(start)];
            pane.Start = start;
            pane.Values = figure.Values;
            (pane.Sketch, figure.Sketch) = (figure.Sketch, pane.Sketch);
        }

        public ClosedPane? PaneAt(long start)
        {
            var pane = _panes[Slot(start)];
            return pane.Start == start && pane.Values.Count > 0 ? pane : null;
        }

        private int Slot(long start)
        {
            var slot = (int)((start / slide) % _panes.Length);
            return slot < 0 ? slot + _panes.Length : slot;
        }

        private static ClosedPane[] CreatePanes(int count, bool sketches)
        {
            var panes = new ClosedPane[count];
            for (var i = 0; i < count; i++)
            {
                panes[i] = new ClosedPane(sketches ? new DDSketch() : null);
            }

            return panes;
        }
    }

    /// <summary>A pane the open window closed: its start, its aggregates and its sketch.</summary>
    private sealed class ClosedPane(DDSketch? sketch)
    {
        public WindowAccumulator Values;

        public long Start { get; set; } = long.MinValue;

        public DDSketch? Sketch { get; set; } = sketch;
    }

    /// <summary>The figure of the open pane: the accumulator and, with quantiles, a sketch.</summary>
    private struct PaneFigure(DDSketch? sketch) : IWindowFigure
    {
        public WindowAccumulator Values;
        public DDSketch? Sketch = sketch;

        public readonly long Count => Values.Count;

        public void Add(double value)
        {
            Values.Add(value);
            Sketch?.Add(value);
        }

        public void Reset()
        {
            Values.Reset();
            Sketch?.Clear();
        }
    }

    /// <summary>Moves a closed pane into its series' ring.</summary>
    private readonly struct PaneCloser(SeriesState state) : ITumblingWindowObserver<PaneFigure>
    {
        public void OnClosed(long startTicks, long endTicks, ref PaneFigure figure) => state.Keep(startTicks, ref figure);
    }
}
