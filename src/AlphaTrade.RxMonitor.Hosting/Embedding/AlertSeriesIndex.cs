using System.Collections.Concurrent;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The series each alert was raised on, as the rules' events said (the alert manager keeps labels only), for the dashboard's bands.</summary>
/// <remarks>Written on the pipeline thread once per alert event (not per sample), read on request threads. Holds at most <see cref="Capacity"/> alerts.</remarks>
internal sealed class AlertSeriesIndex
{
    /// <summary>The most alerts remembered; past it the index starts again (bands of older alerts lose their series).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<ulong, SeriesKey> _series = new();

    public void Record(AlertEvent alertEvent)
    {
        if (alertEvent.Series is not { } series || (_series.TryGetValue(alertEvent.Labels.Fingerprint, out var known) && ReferenceEquals(known, series)))
        {
            return;
        }

        if (_series.Count >= Capacity)
        {
            _series.Clear();
        }

        _series[alertEvent.Labels.Fingerprint] = series;
    }

    public SeriesKey? Find(ulong fingerprint) => _series.TryGetValue(fingerprint, out var series) ? series : null;
}
