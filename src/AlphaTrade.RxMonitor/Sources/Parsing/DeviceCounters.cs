using System.Text;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Parsing;

/// <summary>
/// The previous counter values of one device (disk, interface), and the keys of the per-second rate series
/// derived from them; created once per device.
/// </summary>
internal sealed class DeviceCounters
{
    private readonly byte[] _name;
    private readonly ulong[] _previous;
    private long _previousTicks;
    private bool _seen;

    public DeviceCounters(ReadOnlySpan<byte> name, int counters, SeriesKey[]? keys)
    {
        _name = name.ToArray();
        _previous = new ulong[counters];
        Keys = keys;
    }

    /// <summary>The rate series' keys, or <see langword="null"/> for an excluded device.</summary>
    public SeriesKey[]? Keys { get; }

    public static string Decode(ReadOnlySpan<byte> name) => Encoding.UTF8.GetString(name);

    public static DeviceCounters? Find(List<DeviceCounters> devices, ReadOnlySpan<byte> name)
    {
        foreach (var device in devices)
        {
            if (device._name.AsSpan().SequenceEqual(name))
            {
                return device;
            }
        }

        return null;
    }

    /// <summary>
    /// Stores <paramref name="current"/> and, when there is a previous read, writes into
    /// <paramref name="perSecond"/> each counter's increase per second (wraps and resets handled).
    /// </summary>
    public bool Update(long ticks, ReadOnlySpan<ulong> current, Span<double> perSecond)
    {
        var seconds = (ticks - _previousTicks) / (double)TimeSpan.TicksPerSecond;
        var hasRate = _seen && seconds > 0;
        for (var i = 0; i < _previous.Length; i++)
        {
            if (hasRate)
            {
                perSecond[i] = CounterDelta.Of(_previous[i], current[i]) / seconds;
            }

            _previous[i] = current[i];
        }

        _seen = true;
        _previousTicks = ticks;
        return hasRate;
    }
}
