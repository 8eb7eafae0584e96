using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Detectors.Evaluation;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// One subscription of a <see cref="ReloadableRuleSet"/>: the rule engines of the rules in force and the one upstream
/// subscription; applies a new rule set on its scheduler, keeping the engines of unchanged rules.
/// </summary>
internal sealed class RuleSetRun : IDisposable
{
    private readonly ReloadableRuleSet _set;
    private readonly IScheduler _scheduler;
    private readonly IFailureListener? _failureListener;
    private readonly IObserver<AlertEvent> _observer;
    private readonly RuleSetObserver _sink;
    private RuleSetVersion _version;
    private IDisposable? _upstream;
    private bool _ended;

    public RuleSetRun(ReloadableRuleSet set, IScheduler scheduler, IFailureListener? failureListener, IObserver<AlertEvent> observer)
    {
        _set = set;
        _scheduler = scheduler;
        _failureListener = failureListener;
        _observer = observer;
        _version = set.Attach(this);
        var engines = new SeriesEvaluationEngine[_version.Rules.Count];
        for (var i = 0; i < engines.Length; i++)
        {
            engines[i] = CreateEngine(_version.Rules[i], _version.Options);
        }

        _sink = new RuleSetObserver(engines, new EndObserver(this));
        foreach (var engine in engines)
        {
            engine.Start();
        }
    }

    public void Subscribe(IObservable<MetricSample> samples) => _upstream = samples.Subscribe(_sink);

    /// <summary>Switches to <paramref name="next"/> at the scheduler's next turn.</summary>
    public void Apply(RuleSetVersion next) => _scheduler.Schedule((self: this, next), static (_, state) =>
    {
        state.self.Switch(state.next);
        return System.Reactive.Disposables.Disposable.Empty;
    });

    public void Dispose()
    {
        _set.Detach(this);
        _upstream?.Dispose();
        End();
    }

    private void Switch(RuleSetVersion next)
    {
        if (_ended)
        {
            return;
        }

        var matches = _version.Match(next);
        var current = _sink.Engines;
        var kept = new bool[current.Count];
        var engines = new SeriesEvaluationEngine[matches.Length];
        for (var j = 0; j < matches.Length; j++)
        {
            if (matches[j] >= 0)
            {
                engines[j] = current[matches[j]];
                kept[matches[j]] = true;
            }
        }

        // The resolutions of the rules that go come before anything the new rules emit.
        var now = _scheduler.Now.UtcTicks;
        for (var i = 0; i < current.Count; i++)
        {
            if (!kept[i])
            {
                ((RuleRun)current[i]).Retire(now);
            }
        }

        for (var j = 0; j < engines.Length; j++)
        {
            engines[j] ??= CreateEngine(next.Rules[j], next.Options);
        }

        _sink.ReplaceEngines(engines);
        _version = next;
        for (var j = 0; j < engines.Length; j++)
        {
            if (matches[j] < 0)
            {
                engines[j].Start();
            }
        }
    }

    private RuleRun CreateEngine(AlertRule rule, RuleEvaluationOptions options) => new(rule, _scheduler, options, _observer, _failureListener);

    private void End()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        _sink.DisposeEngines();
    }

    /// <summary>Passes the end of the samples on, after the engines stopped.</summary>
    private sealed class EndObserver(RuleSetRun run) : IObserver<AlertEvent>
    {
        public void OnNext(AlertEvent value) => run._observer.OnNext(value);

        public void OnError(Exception error)
        {
            run._ended = true;
            run._set.Detach(run);
            run._observer.OnError(error);
        }

        public void OnCompleted()
        {
            run._ended = true;
            run._set.Detach(run);
            run._observer.OnCompleted();
        }
    }
}
