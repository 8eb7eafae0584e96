using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Per-device disk I/O rates from <c>/proc/diskstats</c>.</summary>
/// <remarks>
/// <para>
/// Reports whole devices only (partitions, loop, ram and zram devices are skipped by default), label
/// <c>device</c>: read/written bytes per second (sectors × 512), reads and writes completed per second, and
/// I/O utilization (share of wall time with I/O in flight, in percent, as <c>iostat %util</c>). Rates start
/// with the second poll; wraps and resets are handled as in <see cref="NetworkSource"/>.
/// </para>
/// <para>Not thread-safe (one poller). Allocates only when a device is first seen.</para>
/// </remarks>
public sealed class DiskIoSource : IMetricSource, IDisposable
{
    private static readonly string[] s_names =
    [
        SystemMetricNames.DiskReadsPerSecond,
        SystemMetricNames.DiskReadBytesPerSecond,
        SystemMetricNames.DiskWritesPerSecond,
        SystemMetricNames.DiskWrittenBytesPerSecond,
        SystemMetricNames.DiskIoUtilizationPercent,
    ];

    private readonly ProcFile _file;
    private readonly List<DeviceCounters> _devices = [];
    private readonly Func<string, bool> _include;

    /// <summary>Creates the source.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/diskstats</c>.</param>
    /// <param name="includeDevice">Which devices to report (by name); default <see cref="IsWholeDisk"/>.</param>
    public DiskIoSource(string rootPath = "/", Func<string, bool>? includeDevice = null)
    {
        _file = new ProcFile(ProcPaths.Under(rootPath, "proc/diskstats"), 16384);
        _include = includeDevice ?? IsWholeDisk;
    }

    /// <inheritdoc />
    public string Name => "linux.diskio";

    /// <summary>
    /// The default device filter: skips loop, ram, zram and fd devices and partitions (<c>sda1</c>,
    /// <c>vdb2</c>, <c>nvme0n1p1</c>, <c>mmcblk0p1</c>), as node_exporter does.
    /// </summary>
    /// <param name="device">The kernel device name.</param>
    /// <returns><see langword="true"/> for a whole disk.</returns>
    public static bool IsWholeDisk(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.StartsWith("loop", StringComparison.Ordinal) || device.StartsWith("ram", StringComparison.Ordinal)
            || device.StartsWith("zram", StringComparison.Ordinal) || device.StartsWith("fd", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = device.Length;
        while (digits > 0 && char.IsAsciiDigit(device[digits - 1]))
        {
            digits--;
        }

        if (digits == device.Length || digits == 0)
        {
            return true;
        }

        var stem = device[..digits];
        if (stem.StartsWith("nvme", StringComparison.Ordinal) || stem.StartsWith("mmcblk", StringComparison.Ordinal))
        {
            return !stem.EndsWith('p');
        }

        // sda1, vdb2, xvda1, hdc3: letters then a partition number. dm-0, md0, sr0 are whole devices.
        return !(stem.StartsWith("sd", StringComparison.Ordinal) || stem.StartsWith("vd", StringComparison.Ordinal)
            || stem.StartsWith("xvd", StringComparison.Ordinal) || stem.StartsWith("hd", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var text = _file.Read();
        Span<ulong> fields = stackalloc ulong[10];
        Span<ulong> counters = stackalloc ulong[5];
        Span<double> rates = stackalloc double[5];
        while (SpanTokenizer.NextLine(ref text, out var line))
        {
            var tokens = new SpanTokenizer(line);
            if (!tokens.Next(out _) || !tokens.Next(out _) || !tokens.Next(out var name))
            {
                continue;
            }

            var device = DeviceCounters.Find(_devices, name) ?? Add(name);
            if (device.Keys is null)
            {
                continue;
            }

            for (var i = 0; i < fields.Length; i++)
            {
                if (!tokens.NextUInt64(out fields[i]))
                {
                    throw new FormatException($"{_file.Path}: field {i + 1} of device {DeviceCounters.Decode(name)} is not an unsigned integer.");
                }
            }

            counters[0] = fields[0];
            counters[1] = fields[2];
            counters[2] = fields[4];
            counters[3] = fields[6];
            counters[4] = fields[9];
            if (device.Update(timestampTicks, counters, rates))
            {
                observer.OnNext(new MetricSample(device.Keys[0], timestampTicks, rates[0]));
                observer.OnNext(new MetricSample(device.Keys[1], timestampTicks, rates[1] * 512));
                observer.OnNext(new MetricSample(device.Keys[2], timestampTicks, rates[2]));
                observer.OnNext(new MetricSample(device.Keys[3], timestampTicks, rates[3] * 512));
                observer.OnNext(new MetricSample(device.Keys[4], timestampTicks, Math.Min(100, rates[4] / 10)));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private DeviceCounters Add(ReadOnlySpan<byte> name)
    {
        var text = DeviceCounters.Decode(name);
        var keys = _include(text) ? s_names.Select(n => SeriesKey.Create(n, new Label("device", text))).ToArray() : null;
        var device = new DeviceCounters(name, 5, keys);
        _devices.Add(device);
        return device;
    }
}
