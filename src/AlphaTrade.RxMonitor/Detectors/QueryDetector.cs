using System.Reactive.Subjects;
using System.Runtime.ExceptionServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// A user's own detector written as an Rx query from samples to <see cref="DetectorSignal"/>s, adapted into an
/// <see cref="IDetector"/>: each series runs its own subscription of the query, fed that series' samples.
/// </summary>
/// <remarks>
/// <para>
/// The last signal the query gave holds until the next one, or until <c>staleAfter</c> has passed since its
/// timestamp (then the result is no data). Signals are taken as the query emits them; a query that emits while a
/// sample is being added (the usual synchronous operators) is evaluated at that sample's time.
/// </para>
/// <para>
/// Failure: a query that throws, ends with <c>OnError</c>, or yields a signal about another series (or none) makes
/// the evaluator throw from its next call, so the rule running it faults alone. Disposing an evaluator (its series
/// was pruned, or its rule stopped) ends its subscription.
/// </para>
/// </remarks>
internal sealed class QueryDetector : IDetector
{
    private readonly Func<IObservable<MetricSample>, IObservable<DetectorSignal>> _query;
    private readonly long _staleAfterTicks;

    /// <summary>Creates the adapter.</summary>
    /// <param name="query">The user's query, called once per series with that series' samples.</param>
    /// <param name="staleAfter">How long a signal holds without a newer one; positive.</param>
    public QueryDetector(Func<IObservable<MetricSample>, IObservable<DetectorSignal>> query, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(staleAfter, TimeSpan.Zero);
        _query = query;
        _staleAfterTicks = staleAfter.Ticks;
    }

    /// <summary>The user's query.</summary>
    public Func<IObservable<MetricSample>, IObservable<DetectorSignal>> Query => _query;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this, series);

    private sealed class Evaluator : ISeriesEvaluator, IObserver<DetectorSignal>, IDisposable
    {
        private readonly SeriesKey _series;
        private readonly long _staleAfterTicks;
        private readonly Subject<MetricSample> _samples = new();
        private readonly IDisposable _subscription;
        private long _heldTicks = long.MinValue;
        private DetectorResult _held = DetectorResult.NoData;
        private Exception? _failure;

        public Evaluator(QueryDetector detector, SeriesKey series)
        {
            _series = series;
            _staleAfterTicks = detector._staleAfterTicks;
            _subscription = detector._query(_samples).Subscribe(this);
        }

        public void Add(long timestampTicks, double value)
        {
            ThrowIfFailed();
            _samples.OnNext(new MetricSample(_series, timestampTicks, value));
            ThrowIfFailed();
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            ThrowIfFailed();
            return _heldTicks == long.MinValue || timestampTicks - _heldTicks > _staleAfterTicks ? DetectorResult.NoData : _held;
        }

        public void OnNext(DetectorSignal value)
        {
            if (!_series.Equals(value.Series))
            {
                _failure ??= new InvalidOperationException(value.Series is null
                    ? $"The detector query yielded a signal without a series while it evaluated {_series}."
                    : $"The detector query yielded a signal about {value.Series} while it evaluated {_series}; a query sees one series at a time and concludes about that series.");
                return;
            }

            _heldTicks = value.TimestampTicks;
            _held = value.Result;
        }

        public void OnError(Exception error) => _failure ??= error;

        public void OnCompleted()
        {
            // The last signal holds until it is stale.
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _samples.Dispose();
        }

        private void ThrowIfFailed()
        {
            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
    }
}
