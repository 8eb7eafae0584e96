using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The hot-path issue's workload: samples of 200 series in round robin, 50 µs apart, evaluated in 1 s
/// event-time tumbling windows by a threshold on the window mean and a +20 % window-over-window rule.
/// </summary>
/// <remarks>
/// Values follow a slow per-series sine; each series steps up by 40 for 20 s about once every 10 minutes, so
/// both rules fire and resolve now and then (as alerts do) and the alert path is exercised, not only the
/// accumulate path.
/// </remarks>
internal static class HotPathWorkload
{
    public const int SeriesCount = 200;
    public const double MeanThreshold = 80;
    public const double RiseFraction = 0.20;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Spacing = TimeSpan.FromMicroseconds(50);
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SeriesKey[] CreateKeys() =>
        [.. Enumerable.Range(0, SeriesCount).Select(static i =>
            SeriesKey.Create("order_latency_us", new Label("venue", "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];

    public static MetricSample[] CreateSamples(int count, SeriesKey[] keys) => CreateSamples(count, keys, Start);

    public static MetricSample[] CreateSamples(int count, SeriesKey[] keys, DateTimeOffset start)
    {
        var samples = new MetricSample[count];
        var t = start.UtcTicks;
        for (var i = 0; i < count; i++)
        {
            var series = i % keys.Length;
            var seconds = (double)(t - start.UtcTicks) / TimeSpan.TicksPerSecond;
            var step = (((long)seconds / 20) + series) % 30 == 0 ? 40 : 0;
            var value = 50 + (20 * Math.Sin((seconds / 5) + series)) + step + (i % 13);
            samples[i] = new MetricSample(keys[series], t, value);
            t += Spacing.Ticks;
        }

        return samples;
    }
}
