using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sources.Linux;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>Health of the machine: total CPU, memory and the fullest disk, from the system sources' latest samples.</summary>
/// <remarks>A figure with no fresh sample is left out; with none at all the component is degraded ("no system samples").</remarks>
public sealed class SystemResourcesHealth : IHealthComponent
{
    private readonly LatestValueStore _latest;
    private readonly TimeProvider _timeProvider;
    private readonly SystemHealthOptions _options;

    /// <summary>Creates the component.</summary>
    /// <param name="latest">The latest samples of the pipeline.</param>
    /// <param name="timeProvider">The clock for staleness.</param>
    /// <param name="options">Thresholds; defaults when <see langword="null"/>.</param>
    public SystemResourcesHealth(LatestValueStore latest, TimeProvider timeProvider, SystemHealthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _latest = latest;
        _timeProvider = timeProvider;
        _options = options ?? new SystemHealthOptions();
    }

    /// <inheritdoc />
    public string Name => "system";

    /// <summary>The latest total CPU, memory and fullest-disk percentages (each <see langword="null"/> when unknown).</summary>
    /// <returns>The figures.</returns>
    public (double? Cpu, double? Memory, (double Value, SeriesKey Key)? Disk) Figures()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var cpu = _latest.Max(SystemMetricNames.CpuUsagePercent, now, _options.Staleness, static k => k.GetLabel("cpu") == "total");
        var memory = _latest.Max(SystemMetricNames.MemoryUsagePercent, now, _options.Staleness);
        var disk = _latest.Max(SystemMetricNames.DiskUsagePercent, now, _options.Staleness);
        return (cpu?.Value, memory?.Value, disk);
    }

    /// <inheritdoc />
    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var verdict = new HealthVerdict(Name, "system");
        var (cpu, memory, disk) = Figures();
        if (cpu is null && memory is null && disk is null)
        {
            verdict.Flag(HealthStatus.Degraded, "no system samples");
        }

        if (cpu is { } c)
        {
            verdict.Check("cpu_percent", c, _options.Cpu, "%");
        }

        if (memory is { } m)
        {
            verdict.Check("memory_percent", m, _options.Memory, "%");
        }

        if (disk is { } d)
        {
            verdict.Data("disk_mountpoint", d.Key.GetLabel("mountpoint") ?? string.Empty);
            verdict.Check("disk_percent", d.Value, _options.Disk, "%");
        }

        return ValueTask.FromResult(verdict.Result());
    }
}
