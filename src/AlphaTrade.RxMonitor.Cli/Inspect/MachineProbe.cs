using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Runtime;

namespace AlphaTrade.RxMonitor.Cli.Inspect;

/// <summary>
/// One collection of every default source, for <c>rxmon metrics</c> and <c>rxmon health</c>: each source is
/// polled twice, <see cref="Spacing"/> apart, because rates and CPU usage are differences between two readings;
/// the newest value of each series is kept.
/// </summary>
internal sealed class MachineProbe : IObserver<MetricSample>
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);

    private readonly Dictionary<SeriesKey, MetricSample> _latest = [];

    private MachineProbe(TimeProvider time)
    {
        Application = new ApplicationMetrics(time);
        Tasks = new BackgroundTaskMonitor(time);
    }

    public ApplicationMetrics Application { get; }

    public BackgroundTaskMonitor Tasks { get; }

    /// <summary>The newest sample of every series, sorted by series.</summary>
    public IReadOnlyList<MetricSample> Samples => [.. _latest.Values.OrderBy(static s => s.Key.ToString(), StringComparer.Ordinal)];

    /// <summary>Sources that failed, with what happened.</summary>
    public List<string> Failures { get; } = [];

    public static async Task<MachineProbe> CollectAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var probe = new MachineProbe(time);
        using var runtime = new DotNetRuntimeSource();
        IMetricSource[] sources = [.. LinuxSystemSources.CreateDefaults(), runtime, probe.Application, probe.Tasks];
        probe.PollAll(sources, time, final: false);
        await Task.Delay(Spacing, time, cancellationToken).ConfigureAwait(false);
        probe.PollAll(sources, time, final: true);
        return probe;
    }

    public void OnNext(MetricSample value)
    {
        if (double.IsFinite(value.Value))
        {
            _latest[value.Key] = value;
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    private void PollAll(IMetricSource[] sources, TimeProvider time, bool final)
    {
        foreach (var source in sources)
        {
            try
            {
                source.Poll(time.GetUtcNow().UtcTicks, this);
            }
            catch (Exception e) when (final && e is not OutOfMemoryException)
            {
                Failures.Add($"{source.Name}: {e.Message}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The first poll only primes counters; a failure shows in the second one.
                _ = e;
            }
        }
    }
}
