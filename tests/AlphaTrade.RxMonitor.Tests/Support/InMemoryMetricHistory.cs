using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>An <see cref="IMetricHistory"/> over buckets added by the test; optionally failing every query.</summary>
internal sealed class InMemoryMetricHistory : IMetricHistory
{
    private readonly Dictionary<(SeriesKey, RollupResolution), SortedDictionary<DateTimeOffset, RollupPoint>> _buckets = [];

    public string? FailWith { get; set; }

    /// <summary>Adds one sample as a one-sample bucket at every resolution (aligned like the store's roll-ups).</summary>
    public void AddSample(SeriesKey series, DateTimeOffset at, double value)
    {
        Merge(series, RollupResolution.TenSeconds, Align(at, TimeSpan.FromSeconds(10)), value);
        Merge(series, RollupResolution.OneMinute, Align(at, TimeSpan.FromMinutes(1)), value);
        Merge(series, RollupResolution.OneHour, Align(at, TimeSpan.FromHours(1)), value);
    }

    public Task<IReadOnlyList<SeriesKey>> QuerySeriesAsync(string? metricName = null, CancellationToken cancellationToken = default)
    {
        Fail();
        IReadOnlyList<SeriesKey> keys = [.. _buckets.Keys.Select(k => k.Item1).Distinct().Where(k => metricName is null || k.Name == metricName)];
        return Task.FromResult(keys);
    }

    public Task<IReadOnlyList<RollupPoint>> QueryRangeAsync(
        SeriesKey series, RollupResolution resolution, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, CancellationToken cancellationToken = default)
    {
        Fail();
        IReadOnlyList<RollupPoint> result = _buckets.TryGetValue((series, resolution), out var list)
            ? [.. list.Values.Where(b => b.Start >= rangeStart && b.Start < rangeEnd)]
            : [];
        return Task.FromResult(result);
    }

    private static DateTimeOffset Align(DateTimeOffset at, TimeSpan width) => new(at.UtcTicks - (at.UtcTicks % width.Ticks), TimeSpan.Zero);

    private void Fail()
    {
        if (FailWith is { } message)
        {
            throw new InvalidOperationException(message);
        }
    }

    private void Merge(SeriesKey series, RollupResolution resolution, DateTimeOffset start, double value)
    {
        if (!_buckets.TryGetValue((series, resolution), out var list))
        {
            list = [];
            _buckets.Add((series, resolution), list);
        }

        list[start] = list.TryGetValue(start, out var b)
            ? new RollupPoint(start, b.Count + 1, b.Sum + value, Math.Min(b.Min, value), Math.Max(b.Max, value), value)
            : new RollupPoint(start, 1, value, value, value, value);
    }
}
