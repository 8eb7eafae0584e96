using System.Buffers.Text;
using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>CPU utilization, total and per core, from <c>/proc/stat</c>.</summary>
/// <remarks>
/// <para>
/// Emits <c>system_cpu_usage_percent{cpu="total"|"N"}</c> — busy time (everything but idle and iowait) over
/// all time since the previous poll, in percent — and <c>system_cpus_online</c>. The first poll only
/// records counters, so utilization starts with the second poll. A CPU that appears (hot-plugged) starts
/// reporting from its second sighting; one that goes offline stops reporting; a CPU whose counters went
/// backwards (offlined and back) restarts from its new values.
/// </para>
/// <para>Not thread-safe (one poller). Allocates only when a CPU is first seen.</para>
/// </remarks>
public sealed class CpuSource : IMetricSource, IDisposable
{
    private readonly ProcFile _file;
    private readonly CpuState _total = new(SeriesKey.Create(SystemMetricNames.CpuUsagePercent, new Label("cpu", "total")));
    private readonly SeriesKey _onlineKey = SeriesKey.Create(SystemMetricNames.CpusOnline);
    private CpuState?[] _cores = new CpuState?[8];

    /// <summary>Creates the source.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/stat</c>: <c>/</c> on a host, a fixture folder in tests.</param>
    public CpuSource(string rootPath = "/")
    {
        _file = new ProcFile(ProcPaths.Under(rootPath, "proc/stat"), 16384);
    }

    /// <inheritdoc />
    public string Name => "linux.cpu";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var text = _file.Read();
        var online = 0;
        while (SpanTokenizer.NextLine(ref text, out var line))
        {
            if (!line.StartsWith("cpu"u8))
            {
                // The cpu lines come first; the rest of the file (intr, ctxt, ...) is not ours.
                break;
            }

            var tokens = new SpanTokenizer(line);
            tokens.Next(out var label);
            CpuState state;
            if (label.Length == 3)
            {
                state = _total;
            }
            else
            {
                if (!Utf8Parser.TryParse(label[3..], out int index, out var used) || used != label.Length - 3 || index < 0)
                {
                    throw new FormatException($"{_file.Path}: unexpected CPU label in line starting '{System.Text.Encoding.ASCII.GetString(label)}'.");
                }

                state = Core(index);
                online++;
            }

            ReadTimes(ref tokens, out var busy, out var all);
            if (state.Update(busy, all, out var percent))
            {
                observer.OnNext(new MetricSample(state.Key, timestampTicks, percent));
            }
        }

        observer.OnNext(new MetricSample(_onlineKey, timestampTicks, online));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void ReadTimes(ref SpanTokenizer tokens, out ulong busy, out ulong all)
    {
        // user nice system idle iowait irq softirq steal [guest guest_nice]; guest time is already in user/nice.
        busy = 0;
        all = 0;
        for (var field = 0; field < 8; field++)
        {
            if (!tokens.NextUInt64(out var value))
            {
                if (field >= 4)
                {
                    break; // Old kernels stop after idle (or after iowait/irq/softirq).
                }

                throw new FormatException($"{_file.Path}: a cpu line has fewer than 4 numeric fields.");
            }

            all += value;
            if (field != 3 && field != 4)
            {
                busy += value;
            }
        }
    }

    private CpuState Core(int index)
    {
        if (index >= _cores.Length)
        {
            Array.Resize(ref _cores, Math.Max(index + 1, _cores.Length * 2));
        }

        return _cores[index] ??= new CpuState(SeriesKey.Create(
            SystemMetricNames.CpuUsagePercent,
            new Label("cpu", index.ToString(CultureInfo.InvariantCulture))));
    }

    private sealed class CpuState(SeriesKey key)
    {
        private bool _seen;
        private ulong _busy;
        private ulong _all;

        public SeriesKey Key { get; } = key;

        public bool Update(ulong busy, ulong all, out double percent)
        {
            percent = 0;
            var hadPrevious = _seen && all >= _all && busy >= _busy;
            var deltaAll = all - _all;
            var deltaBusy = busy - _busy;
            _seen = true;
            _busy = busy;
            _all = all;
            if (!hadPrevious || deltaAll == 0)
            {
                return false;
            }

            percent = Math.Clamp(100.0 * deltaBusy / deltaAll, 0, 100);
            return true;
        }
    }
}
