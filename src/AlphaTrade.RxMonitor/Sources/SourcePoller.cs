using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>One subscription's poll loop: a re-armed timer, the back-off state and the garbage filter.</summary>
internal sealed class SourcePoller : IObserver<MetricSample>, IDisposable
{
    private readonly IMetricSource _source;
    private readonly IScheduler _scheduler;
    private readonly SourcePollingOptions _options;
    private readonly IFailureListener _failureListener;
    private readonly IObserver<MetricSample> _downstream;
    private readonly object _gate = new();
    private IDisposable? _timer;
    private bool _disposed;
    private bool _polling;
    private int _consecutiveFailures;
    private int _invalidInPoll;
    private SeriesKey? _firstInvalid;

    public SourcePoller(
        IMetricSource source,
        IScheduler scheduler,
        SourcePollingOptions options,
        IFailureListener failureListener,
        IObserver<MetricSample> downstream)
    {
        _source = source;
        _scheduler = scheduler;
        _options = options;
        _failureListener = failureListener;
        _downstream = downstream;
    }

    public void Start() => Arm(_options.InitialDelay);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    void IObserver<MetricSample>.OnNext(MetricSample value)
    {
        if (!double.IsFinite(value.Value))
        {
            // Only the poll's own thread counts invalid samples; a late asynchronous write is reported at once.
            if (_polling)
            {
                _invalidInPoll++;
                _firstInvalid ??= value.Key;
            }
            else
            {
                Report($"Dropped a non-finite value ({value.Value}) for {value.Key}.", null);
            }

            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _downstream.OnNext(value);
        }
    }

    void IObserver<MetricSample>.OnError(Exception error)
    {
    }

    void IObserver<MetricSample>.OnCompleted()
    {
    }

    private void Arm(TimeSpan due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer = _scheduler.Schedule(this, due, static (_, self) =>
            {
                self.PollOnce();
                return System.Reactive.Disposables.Disposable.Empty;
            });
        }
    }

    private void PollOnce()
    {
        var ticks = _scheduler.Now.UtcTicks;
        Exception? error = null;
        _invalidInPoll = 0;
        _firstInvalid = null;
        _polling = true;
        try
        {
            _source.Poll(ticks, this);
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            _polling = false;
        }

        if (error is null && _invalidInPoll == 0)
        {
            _consecutiveFailures = 0;
            Arm(_options.Interval);
            return;
        }

        _consecutiveFailures++;
        var backoff = _options.BackoffAfter(_consecutiveFailures);
        var what = error is not null
            ? $"Poll failed: {error.Message}"
            : $"Poll returned {_invalidInPoll} non-finite value(s), first for {_firstInvalid}; they were dropped.";
        Report($"{what} Failure {_consecutiveFailures} in a row; retrying in {backoff}.", error);
        Arm(backoff);
    }

    private void Report(string message, Exception? error)
    {
        try
        {
            _failureListener.OnFailure(new PipelineFailure(PipelineComponent.Source, _source.Name, message, error, _scheduler.Now));
        }
        catch (Exception)
        {
            // A failing listener must never stop the poll loop (IFailureListener contract).
        }
    }
}
