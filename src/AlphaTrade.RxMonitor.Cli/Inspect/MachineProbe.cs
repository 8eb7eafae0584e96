using AlphaTrade.RxMonitor.Cli.Run;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Runtime;

namespace AlphaTrade.RxMonitor.Cli.Inspect;

/// <summary>
/// One collection of every source <c>rxmon run</c> polls (the default ones, the configured endpoints and databases), for
/// <c>rxmon metrics</c> and <c>rxmon health</c>: each source is polled twice, <see cref="Spacing"/> apart, because rates
/// and CPU usage are differences between two readings; the newest value of each series is kept.
/// </summary>
/// <remarks>
/// An endpoint's connect reports after its poll returned (on a thread-pool thread): the collection waits until every
/// endpoint has reported for the second poll, at most the longest endpoint timeout.
/// </remarks>
internal sealed class MachineProbe : IObserver<MetricSample>
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan EndpointWaitStep = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan EndpointWaitMargin = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<SeriesKey, MetricSample> _latest = [];
    private readonly object _gate = new();

    private MachineProbe(TimeProvider time)
    {
        Application = new ApplicationMetrics(time);
        Tasks = new BackgroundTaskMonitor(time);
    }

    public ApplicationMetrics Application { get; }

    public BackgroundTaskMonitor Tasks { get; }

    /// <summary>The newest sample of every series, sorted by series.</summary>
    public IReadOnlyList<MetricSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _latest.Values.OrderBy(static s => s.Key.ToString(), StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Sources that failed, with what happened.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The health components of the configured databases (<c>database:&lt;name&gt;</c>), fed by this collection.</summary>
    public IReadOnlyList<IHealthComponent> DatabaseHealth { get; private set; } = [];

    /// <summary>Reads the configuration as <c>rxmon run</c> does (<paramref name="configPath"/>, then the environment) and collects.</summary>
    /// <param name="configPath">The <c>--config</c> file, or null.</param>
    /// <param name="command">The command's name for problem reports, e.g. <c>rxmon health</c>.</param>
    /// <param name="stderr">Where configuration problems are written.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    /// <returns>The collection, or null when the configuration has problems (each written to <paramref name="stderr"/>).</returns>
    public static async Task<MachineProbe?> CollectAsync(string? configPath, string command, TextWriter stderr, TimeProvider time, CancellationToken cancellationToken)
    {
        var settings = MonitorSettings.Load(configPath, new RunOverrides(), out var problems);
        if (settings is null)
        {
            ConfigurationReport.Write(stderr, command, problems);
            return null;
        }

        using var configured = ConfiguredSources.Create(settings, time);
        var probe = await CollectAsync(time, configured, [.. settings.Sources.Endpoints.Select(static e => e.Name)], cancellationToken).ConfigureAwait(false);
        probe.DatabaseHealth = configured.CreateHealthComponents();
        return probe;
    }

    /// <summary>Polls the default sources and <paramref name="configured"/> twice and waits for the endpoints' second connect.</summary>
    private static async Task<MachineProbe> CollectAsync(TimeProvider time, ConfiguredSources configured, IReadOnlyList<string> endpointNames, CancellationToken cancellationToken)
    {
        var probe = new MachineProbe(time);
        using var runtime = new DotNetRuntimeSource();
        IMetricSource[] sources = [.. LinuxSystemSources.CreateDefaults(), runtime, probe.Application, probe.Tasks, .. configured.All];
        probe.PollAll(sources, time, final: false);
        await Task.Delay(Spacing, time, cancellationToken).ConfigureAwait(false);
        var final = time.GetUtcNow().UtcTicks;
        probe.PollAll(sources, time, final: true, final);
        var waitStarted = time.GetTimestamp();
        var wait = configured.LongestEndpointTimeout + EndpointWaitMargin;
        var upKeys = endpointNames.Select(static n => SeriesKey.Create(SystemMetricNames.NetworkConnectUp, new Label("endpoint", n))).ToList();
        while (upKeys.Count > 0 && !probe.AllReported(upKeys, final) && time.GetElapsedTime(waitStarted) < wait)
        {
            await Task.Delay(EndpointWaitStep, time, cancellationToken).ConfigureAwait(false);
        }

        return probe;
    }

    public void OnNext(MetricSample value)
    {
        if (double.IsFinite(value.Value))
        {
            lock (_gate)
            {
                _latest[value.Key] = value;
            }
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    private bool AllReported(List<SeriesKey> keys, long since)
    {
        lock (_gate)
        {
            return keys.All(k => _latest.TryGetValue(k, out var sample) && sample.TimestampTicks >= since);
        }
    }

    private void PollAll(IMetricSource[] sources, TimeProvider time, bool final, long? timestampTicks = null)
    {
        foreach (var source in sources)
        {
            try
            {
                source.Poll(timestampTicks ?? time.GetUtcNow().UtcTicks, this);
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
