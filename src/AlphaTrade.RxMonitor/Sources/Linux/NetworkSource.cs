using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Per-interface network rates from <c>/proc/net/dev</c>: bytes, packets, errors and drops, each way.</summary>
/// <remarks>
/// <para>
/// Each series is a per-second rate over the time since the previous poll (label <c>interface</c>), so
/// rates start with the second poll. A counter that goes down is taken as a 32-bit wrap when its previous
/// value fits in 32 bits, else as a reset (the increase is the new value), as Prometheus' <c>rate()</c> does.
/// </para>
/// <para>Not thread-safe (one poller). Allocates only when an interface is first seen.</para>
/// </remarks>
public sealed class NetworkSource : IMetricSource, IDisposable
{
    // Columns of /proc/net/dev used: rx bytes, packets, errs, drop; tx bytes, packets, errs, drop.
    private static readonly int[] s_columns = [0, 1, 2, 3, 8, 9, 10, 11];
    private static readonly string[] s_names =
    [
        SystemMetricNames.NetworkReceiveBytesPerSecond,
        SystemMetricNames.NetworkReceivePacketsPerSecond,
        SystemMetricNames.NetworkReceiveErrorsPerSecond,
        SystemMetricNames.NetworkReceiveDropsPerSecond,
        SystemMetricNames.NetworkTransmitBytesPerSecond,
        SystemMetricNames.NetworkTransmitPacketsPerSecond,
        SystemMetricNames.NetworkTransmitErrorsPerSecond,
        SystemMetricNames.NetworkTransmitDropsPerSecond,
    ];

    private readonly ProcFile _file;
    private readonly List<DeviceCounters> _interfaces = [];
    private readonly Func<string, bool> _include;

    /// <summary>Creates the source.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/net/dev</c>.</param>
    /// <param name="includeInterface">Which interfaces to report (by name); default all.</param>
    public NetworkSource(string rootPath = "/", Func<string, bool>? includeInterface = null)
    {
        _file = new ProcFile(ProcPaths.Under(rootPath, "proc/net/dev"), 8192);
        _include = includeInterface ?? (static _ => true);
    }

    /// <inheritdoc />
    public string Name => "linux.network";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var text = _file.Read();
        Span<ulong> fields = stackalloc ulong[16];
        Span<ulong> counters = stackalloc ulong[8];
        Span<double> rates = stackalloc double[8];
        while (SpanTokenizer.NextLine(ref text, out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || line.Contains((byte)'|'))
            {
                continue; // The two header lines.
            }

            var name = line[..colon].Trim(" \t"u8);
            var tokens = new SpanTokenizer(line[(colon + 1)..]);
            for (var i = 0; i < fields.Length; i++)
            {
                if (!tokens.NextUInt64(out fields[i]))
                {
                    throw new FormatException($"{_file.Path}: column {i + 1} of interface {DeviceCounters.Decode(name)} is not an unsigned integer.");
                }
            }

            var device = DeviceCounters.Find(_interfaces, name) ?? Add(name);
            if (device.Keys is null)
            {
                continue;
            }

            for (var i = 0; i < counters.Length; i++)
            {
                counters[i] = fields[s_columns[i]];
            }

            if (device.Update(timestampTicks, counters, rates))
            {
                for (var i = 0; i < rates.Length; i++)
                {
                    observer.OnNext(new MetricSample(device.Keys[i], timestampTicks, rates[i]));
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private DeviceCounters Add(ReadOnlySpan<byte> name)
    {
        var text = DeviceCounters.Decode(name);
        var keys = _include(text)
            ? s_names.Select(n => SeriesKey.Create(n, new Label("interface", text))).ToArray()
            : null;
        var device = new DeviceCounters(name, 8, keys);
        _interfaces.Add(device);
        return device;
    }
}
