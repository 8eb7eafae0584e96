using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Memory and swap from <c>/proc/meminfo</c>.</summary>
/// <remarks>
/// Used = MemTotal − MemAvailable; on kernels older than 3.14 (no MemAvailable) available is
/// MemFree + Buffers + Cached. Swap percent is 0 without swap. Not thread-safe (one poller); a poll allocates nothing.
/// </remarks>
public sealed class MemorySource : IMetricSource, IDisposable
{
    private readonly ProcFile _file;
    private readonly SeriesKey _total = SeriesKey.Create(SystemMetricNames.MemoryTotalBytes);
    private readonly SeriesKey _available = SeriesKey.Create(SystemMetricNames.MemoryAvailableBytes);
    private readonly SeriesKey _used = SeriesKey.Create(SystemMetricNames.MemoryUsedBytes);
    private readonly SeriesKey _percent = SeriesKey.Create(SystemMetricNames.MemoryUsagePercent);
    private readonly SeriesKey _swapTotal = SeriesKey.Create(SystemMetricNames.SwapTotalBytes);
    private readonly SeriesKey _swapUsed = SeriesKey.Create(SystemMetricNames.SwapUsedBytes);
    private readonly SeriesKey _swapPercent = SeriesKey.Create(SystemMetricNames.SwapUsagePercent);

    /// <summary>Creates the source.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/meminfo</c>.</param>
    public MemorySource(string rootPath = "/")
    {
        _file = new ProcFile(ProcPaths.Under(rootPath, "proc/meminfo"), 8192);
    }

    /// <inheritdoc />
    public string Name => "linux.memory";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var text = _file.Read();
        long total = -1, available = -1, free = 0, buffers = 0, cached = 0, swapTotal = 0, swapFree = 0;
        while (SpanTokenizer.NextLine(ref text, out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var tokens = new SpanTokenizer(line[(colon + 1)..]);
            if (!tokens.NextUInt64(out var kib))
            {
                continue;
            }

            var bytes = (long)kib * 1024;
            if (name.SequenceEqual("MemTotal"u8))
            {
                total = bytes;
            }
            else if (name.SequenceEqual("MemAvailable"u8))
            {
                available = bytes;
            }
            else if (name.SequenceEqual("MemFree"u8))
            {
                free = bytes;
            }
            else if (name.SequenceEqual("Buffers"u8))
            {
                buffers = bytes;
            }
            else if (name.SequenceEqual("Cached"u8))
            {
                cached = bytes;
            }
            else if (name.SequenceEqual("SwapTotal"u8))
            {
                swapTotal = bytes;
            }
            else if (name.SequenceEqual("SwapFree"u8))
            {
                swapFree = bytes;
            }
        }

        if (total <= 0)
        {
            throw new FormatException($"{_file.Path}: no positive MemTotal line.");
        }

        if (available < 0)
        {
            available = Math.Min(total, free + buffers + cached);
        }

        var used = total - available;
        observer.OnNext(new MetricSample(_total, timestampTicks, total));
        observer.OnNext(new MetricSample(_available, timestampTicks, available));
        observer.OnNext(new MetricSample(_used, timestampTicks, used));
        observer.OnNext(new MetricSample(_percent, timestampTicks, 100.0 * used / total));
        var swapUsed = Math.Max(0, swapTotal - swapFree);
        observer.OnNext(new MetricSample(_swapTotal, timestampTicks, swapTotal));
        observer.OnNext(new MetricSample(_swapUsed, timestampTicks, swapUsed));
        observer.OnNext(new MetricSample(_swapPercent, timestampTicks, swapTotal > 0 ? 100.0 * swapUsed / swapTotal : 0));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
