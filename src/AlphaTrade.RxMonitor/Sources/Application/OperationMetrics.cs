using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>Records the calls of one operation: duration and outcome. Obtain from <see cref="ApplicationMetrics.Operation"/>.</summary>
/// <remarks>Thread-safe; recording takes a short lock and allocates nothing.</remarks>
public sealed class OperationMetrics
{
    private readonly SeriesKey _requests;
    private readonly SeriesKey _errors;
    private readonly SeriesKey _ratio;
    private readonly SeriesKey _average;
    private readonly SeriesKey[] _quantileKeys;
    private readonly double[] _quantiles;
    private readonly DDSketch _durations = new();
    private long _requestsTotal;
    private long _errorsTotal;
    private long _intervalRequests;
    private long _intervalErrors;
    private double _intervalSeconds;

    internal OperationMetrics(string name, double[] quantiles)
    {
        Name = name;
        var label = new Label("operation", name);
        _requests = SeriesKey.Create(ApplicationMetricNames.OperationRequestsTotal, label);
        _errors = SeriesKey.Create(ApplicationMetricNames.OperationErrorsTotal, label);
        _ratio = SeriesKey.Create(ApplicationMetricNames.OperationErrorRatio, label);
        _average = SeriesKey.Create(ApplicationMetricNames.OperationDurationAverageSeconds, label);
        _quantiles = quantiles;
        _quantileKeys = [.. quantiles.Select(q => SeriesKey.Create(
            ApplicationMetricNames.OperationDurationSeconds, label, new Label("quantile", q.ToString(CultureInfo.InvariantCulture))))];
    }

    /// <summary>The operation name (the <c>operation</c> label).</summary>
    public string Name { get; }

    /// <summary>Records one call.</summary>
    /// <param name="duration">How long it took; negative durations are recorded as zero.</param>
    /// <param name="success">Whether it succeeded.</param>
    public void Record(TimeSpan duration, bool success = true)
    {
        var seconds = Math.Max(0, duration.TotalSeconds);
        lock (_durations)
        {
            _requestsTotal++;
            _intervalRequests++;
            _intervalSeconds += seconds;
            if (!success)
            {
                _errorsTotal++;
                _intervalErrors++;
            }

            _durations.Add(seconds);
        }
    }

    internal void Emit(long ticks, IObserver<MetricSample> observer)
    {
        lock (_durations)
        {
            observer.OnNext(new MetricSample(_requests, ticks, _requestsTotal));
            observer.OnNext(new MetricSample(_errors, ticks, _errorsTotal));
            if (_intervalRequests > 0)
            {
                observer.OnNext(new MetricSample(_ratio, ticks, (double)_intervalErrors / _intervalRequests));
                observer.OnNext(new MetricSample(_average, ticks, _intervalSeconds / _intervalRequests));
                for (var i = 0; i < _quantiles.Length; i++)
                {
                    observer.OnNext(new MetricSample(_quantileKeys[i], ticks, _durations.Quantile(_quantiles[i])));
                }
            }

            _intervalRequests = 0;
            _intervalErrors = 0;
            _intervalSeconds = 0;
            _durations.Clear();
        }
    }
}
