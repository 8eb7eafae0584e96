using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors.Evaluation;

/// <summary>
/// The evaluation model shared by rules and <c>Detect</c>: per-series (or per-group) evaluators, evaluated at
/// each sample's time and at every grid time <c>T</c> (multiples of the interval since the Unix epoch) for
/// the series without a sample exactly at <c>T</c>, on one re-armed scheduler timer due at <c>T + delay</c>.
/// </summary>
/// <remarks>
/// Samples and the scheduler's timer actions must be serialized (the pipeline's single consumer, or a
/// scheduler that runs on it); nothing here locks. The per-sample path is one lookup in the engine's
/// <see cref="SeriesTable{TState}"/> (by the key's id and stamp), the evaluator's <c>Add</c>/<c>Evaluate</c>, and
/// <see cref="OnEvaluated"/>: no allocation once a series is known. A series' state is created on its first sample
/// and pruned (removed from the table) at a grid time when it has no active alert and no sample for longer than both
/// the staleness and the detector's window. A grouping detector's groups are kept by group key, and its member
/// series are not remembered at all (a member is mapped to its group again when it is routed), so members that come
/// and go leave nothing behind.
/// Anything a detector throws stops this engine and is handed to <see cref="OnFault"/>.
/// </remarks>
internal abstract class SeriesEvaluationEngine : IDisposable
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private readonly IScheduler _scheduler;
    private readonly SeriesSelector? _selector;
    private readonly IDetector _detector;
    private readonly IGroupingDetector? _grouping;
    private readonly bool _skipUnchanged;
    private readonly SeriesTable<SeriesState> _bySeries = new();
    private readonly Dictionary<SeriesKey, SeriesState> _groups = [];
    private readonly List<SeriesState> _states = [];
    private readonly long _intervalTicks;
    private readonly long _delayTicks;
    private readonly long _retentionTicks;
    private long _nextGridTicks = SeriesState.None;
    private IDisposable? _timer;

    protected SeriesEvaluationEngine(
        IScheduler scheduler,
        SeriesSelector? selector,
        IDetector detector,
        TimeSpan interval,
        TimeSpan delay,
        TimeSpan staleAfter,
        bool skipUnchangedEvaluations)
    {
        _skipUnchanged = skipUnchangedEvaluations;
        _scheduler = scheduler;
        _selector = selector;
        _detector = detector;
        _grouping = detector as IGroupingDetector;
        _intervalTicks = interval.Ticks;
        _delayTicks = delay.Ticks;
        var window = (detector as IWindowedDetector)?.Lookback ?? TimeSpan.Zero;
        _retentionTicks = Math.Max(staleAfter.Ticks, window.Ticks);
    }

    /// <summary>
    /// Samples skipped because they were older than their series' newest sample (only a source other than the
    /// ingest, which orders each series, can send them).
    /// </summary>
    public long OutOfOrderSamples { get; private set; }

    /// <summary>How long a series' state outlives its last sample (the longer of the staleness and the detector's window) unless an alert holds it.</summary>
    public long RetentionTicks => _retentionTicks;

    /// <summary>The series the engine holds state for (groups excluded).</summary>
    public int SeriesCount => _bySeries.Count;

    /// <summary>Told before this engine evaluates, prunes or stops other than for a sample it was handed.</summary>
    public IOffSampleListener? OffSampleListener { get; set; }

    /// <summary>Whether the engine has stopped (faulted or disposed).</summary>
    private bool Stopped { get; set; }

    /// <summary>Every series and group state the engine holds.</summary>
    protected IReadOnlyList<SeriesState> States => _states;

    /// <summary>The scheduler's current time in UTC ticks.</summary>
    protected long NowTicks => _scheduler.Now.UtcTicks;

    /// <summary>Creates the groups that exist from the start and arms the grid for them.</summary>
    public void Start()
    {
        if (_grouping is null || Stopped)
        {
            return;
        }

        try
        {
            foreach (var group in _grouping.InitialGroups)
            {
                GetOrAddGroup(group);
            }
        }
        // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, NowTicks);
            return;
        }

        if (_states.Count > 0)
        {
            Arm(CeilToGrid(NowTicks));
        }
    }

    /// <summary>Takes one sample: finds its series' state and evaluates at its time.</summary>
    /// <param name="sample">The sample.</param>
    public void OnSample(in MetricSample sample)
    {
        if (Stopped)
        {
            return;
        }

        if (!_bySeries.TryGetValue(sample.Key, out var state))
        {
            state = Resolve(sample.Key, sample.TimestampTicks);
        }

        if (state is not null)
        {
            OnSample(state, in sample);
        }
    }

    /// <summary>
    /// The state samples of <paramref name="key"/> go to, created on first use: the series' own state, its
    /// group's, or <see langword="null"/> when the series does not match (or the engine stopped). A caller
    /// that caches it must resolve again once it is <see cref="SeriesState.Pruned"/>.
    /// </summary>
    /// <param name="key">The series.</param>
    /// <param name="ticks">The time of the sample that asks, for a fault report.</param>
    /// <returns>The state, or <see langword="null"/>.</returns>
    public SeriesState? Resolve(SeriesKey key, long ticks)
    {
        if (Stopped)
        {
            return null;
        }

        if (_bySeries.TryGetValue(key, out var known))
        {
            return known;
        }

        try
        {
            if (_selector is not null && !_selector.Matches(key))
            {
                // Not remembered: a table of the series that do not match would hold every key ever seen.
                return null;
            }

            // A group member is mapped to its group each time it is routed, not remembered under its own key.
            return _grouping is not null
                ? GetOrAddGroup(_grouping.GetGroup(key))
                : AddState(key);
        }
        // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, ticks);
            return null;
        }
    }

    /// <summary>Takes one sample of a resolved series and evaluates at its time.</summary>
    /// <param name="state">The state <see cref="Resolve"/> gave for the sample's series.</param>
    /// <param name="sample">The sample.</param>
    public void OnSample(SeriesState state, in MetricSample sample)
    {
        var ticks = sample.TimestampTicks;
        if (Stopped)
        {
            return;
        }

        if (ticks < state.LastSampleTicks && !state.IsGroup)
        {
            // Not reachable from MetricIngest, which delivers each series in order; another source's disorder is counted.
            OutOfOrderSamples++;
            OnOutOfOrder(state, ticks);
            return;
        }

        DetectorResult result;
        try
        {
            state.Evaluator.Add(ticks, sample.Value);

            // A group takes several series, each in order but not in order with each other: its time only moves on.
            state.LastSampleTicks = Math.Max(state.LastSampleTicks, ticks);
            if (ticks < state.LastEvaluationTicks)
            {
                // Late: a grid evaluation already went past it; the sample counts from the next evaluation.
                return;
            }

            result = state.Evaluator.Evaluate(ticks);
        }
        // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, ticks);
            return;
        }

        Evaluated(state, ticks, in result);
    }

    /// <summary>
    /// Evaluates a series at the time of a sample its <see cref="SeriesState.SkipTracker"/> has already taken and
    /// reported as changing the result (the rule set's fast path).
    /// </summary>
    /// <param name="state">The series' state.</param>
    /// <param name="ticks">The sample's time.</param>
    public void EvaluateTakenSample(SeriesState state, long ticks)
    {
        if (Stopped || ticks < state.LastEvaluationTicks)
        {
            // Late: the next evaluation sees the change (Unevaluated stays set).
            return;
        }

        if (TryEvaluate(state, ticks, out var result))
        {
            Evaluated(state, ticks, in result);
        }
    }

    /// <summary>Stops the engine because its detector threw while taking a sample on the rule set's fast path.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="ticks">The sample's time.</param>
    public void FaultTakingSample(Exception exception, long ticks) => Fault(exception, ticks);

    /// <summary>Stops evaluating and cancels the grid timer.</summary>
    public void Dispose()
    {
        Stop();
    }

    /// <summary>Creates the state of a new series or group; a derived engine adds what it keeps per series.</summary>
    /// <param name="key">The series or group.</param>
    /// <param name="evaluator">Its evaluator.</param>
    /// <param name="isGroup">Whether it is a group of an <see cref="IGroupingDetector"/>.</param>
    /// <returns>The state.</returns>
    protected virtual SeriesState CreateState(SeriesKey key, ISeriesEvaluator evaluator, bool isGroup) => new(key, evaluator, isGroup);

    /// <summary>Called after every evaluation of a series or group, in time order per series.</summary>
    /// <param name="state">The series' state.</param>
    /// <param name="ticks">The evaluation time.</param>
    /// <param name="result">The detector's result.</param>
    protected abstract void OnEvaluated(SeriesState state, long ticks, in DetectorResult result);

    /// <summary>Called after a sample older than its series' newest was skipped and counted in <see cref="OutOfOrderSamples"/>.</summary>
    /// <param name="state">The series' state.</param>
    /// <param name="ticks">The skipped sample's time.</param>
    protected virtual void OnOutOfOrder(SeriesState state, long ticks)
    {
    }

    /// <summary>Called once when a detector threw; the engine has stopped.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="ticks">The evaluation time at which it happened.</param>
    /// <param name="states">Every series state the engine held.</param>
    protected abstract void OnFault(Exception exception, long ticks, IReadOnlyList<SeriesState> states);

    private SeriesState AddState(SeriesKey key)
    {
        var state = CreateState(key, _detector.CreateEvaluator(key), isGroup: false);
        if (_skipUnchanged)
        {
            state.SkipTracker = state.Evaluator as ChangeTrackingEvaluator;
        }

        _bySeries.GetOrAdd(key, NowTicks, out _) = state;
        _states.Add(state);
        return state;
    }

    private void Evaluated(SeriesState state, long ticks, in DetectorResult result)
    {
        state.LastEvaluationTicks = ticks;
        state.Unevaluated = false;
        OnEvaluated(state, ticks, in result);
        if (_nextGridTicks == SeriesState.None && !Stopped)
        {
            Arm(CeilToGrid(ticks));
        }
    }

    private void Fault(Exception exception, long ticks)
    {
        if (Stopped)
        {
            return;
        }

        Stop();
        OnFault(exception, ticks, _states);
    }

    private SeriesState GetOrAddGroup(SeriesKey group)
    {
        if (!_groups.TryGetValue(group, out var state))
        {
            state = CreateState(group, _detector.CreateEvaluator(group), isGroup: true);
            _groups.Add(group, state);
            _states.Add(state);
        }

        return state;
    }

    private void Arm(long gridTicks)
    {
        _nextGridTicks = gridTicks;
        _timer = _scheduler.Schedule(
            this,
            new DateTimeOffset(gridTicks + _delayTicks, TimeSpan.Zero),
            static (_, self) => self.OnTimer());
    }

    private IDisposable OnTimer()
    {
        _timer = null;
        OffSampleListener?.BeforeOffSampleWork();
        var now = NowTicks;
        while (!Stopped && _nextGridTicks + _delayTicks <= now)
        {
            EvaluateGrid(_nextGridTicks);
            _nextGridTicks += _intervalTicks;
            if (_states.Count == 0)
            {
                // Nothing left to evaluate: the next sample re-arms the grid.
                _nextGridTicks = SeriesState.None;
                return Disposable.Empty;
            }
        }

        if (!Stopped)
        {
            Arm(_nextGridTicks);
        }

        return Disposable.Empty;
    }

    private void EvaluateGrid(long gridTicks)
    {
        for (var i = 0; i < _states.Count && !Stopped; i++)
        {
            var state = _states[i];
            if (state.LastEvaluationTicks >= gridTicks || state.LastSampleTicks > gridTicks)
            {
                continue;
            }

            if (!state.IsGroup && !state.IsActive && gridTicks - state.LastSampleTicks > _retentionTicks)
            {
                _bySeries.Remove(state.Key);
                state.Pruned = true;
                state.SkipTracker = null;
                (state.Evaluator as IDisposable)?.Dispose();
                _states[i] = _states[^1];
                _states.RemoveAt(_states.Count - 1);
                i--;
                continue;
            }

            if (!TryEvaluate(state, gridTicks, out var result))
            {
                return;
            }

            state.LastEvaluationTicks = gridTicks;
            state.Unevaluated = false;
            OnEvaluated(state, gridTicks, in result);
        }
    }

    /// <summary>Evaluates <paramref name="state"/> at <paramref name="ticks"/>; a throwing detector faults the engine.</summary>
    private bool TryEvaluate(SeriesState state, long ticks, out DetectorResult result)
    {
        try
        {
            result = state.Evaluator.Evaluate(ticks);
            return true;
        }
        // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, ticks);
            result = default;
            return false;
        }
    }

    private long CeilToGrid(long ticks)
    {
        var remainder = (ticks - UnixEpochTicks) % _intervalTicks;
        if (remainder < 0)
        {
            remainder += _intervalTicks;
        }

        return remainder == 0 ? ticks : ticks + (_intervalTicks - remainder);
    }

    private void Stop()
    {
        OffSampleListener?.BeforeOffSampleWork();
        Stopped = true;
        _timer?.Dispose();
        _timer = null;
        foreach (var state in _states)
        {
            // Off the rule set's fast path: a stopped engine takes no more samples.
            state.SkipTracker = null;
            (state.Evaluator as IDisposable)?.Dispose();
        }
    }
}
