using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>A metric history in memory: buckets per series and resolution; records the resolutions asked for.</summary>
internal sealed class FakeMetricHistory : IMetricHistory
{
    private readonly Dictionary<(SeriesKey, RollupResolution), List<RollupPoint>> _buckets = [];

    public List<RollupResolution> Asked { get; } = [];

    public void Add(SeriesKey series, RollupResolution resolution, params RollupPoint[] buckets)
    {
        if (!_buckets.TryGetValue((series, resolution), out var list))
        {
            _buckets[(series, resolution)] = list = [];
        }

        list.AddRange(buckets);
    }

    public Task<IReadOnlyList<SeriesKey>> QuerySeriesAsync(string? metricName = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SeriesKey>>([.. _buckets.Keys.Select(static k => k.Item1).Distinct().Where(k => metricName is null || k.Name == metricName)]);

    public Task<IReadOnlyList<RollupPoint>> QueryRangeAsync(
        SeriesKey series, RollupResolution resolution, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, CancellationToken cancellationToken = default)
    {
        lock (Asked)
        {
            Asked.Add(resolution);
        }

        return Task.FromResult<IReadOnlyList<RollupPoint>>(
            _buckets.TryGetValue((series, resolution), out var list) ? [.. list.Where(b => b.Start >= rangeStart && b.Start < rangeEnd)] : []);
    }
}
