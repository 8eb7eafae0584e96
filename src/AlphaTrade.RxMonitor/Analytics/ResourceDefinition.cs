using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>
/// A saturable resource: a usage series (each matching series is one instance, e.g. one per mount point or
/// database) and the limit at which it is exhausted.
/// </summary>
/// <param name="Name">The resource's name in reports, e.g. <c>disk</c>.</param>
/// <param name="Selector">The usage series; must name a metric (the history is queried by metric name).</param>
/// <param name="Limit">The value at which the resource is exhausted (100 for percentages), above zero.</param>
public sealed record ResourceDefinition(string Name, SeriesSelector Selector, double Limit)
{
    /// <summary>
    /// The resources RxMonitor's sources measure: CPU, memory, disk per mount, inodes per mount, process file
    /// descriptors, connection pool per database (percent of 100), and the .NET thread-pool queue (limit 100
    /// queued work items, the default <c>ThreadPoolStarvation</c> rule's threshold).
    /// </summary>
    public static IReadOnlyList<ResourceDefinition> Defaults { get; } =
    [
        new("cpu", SeriesSelector.Parse(SystemMetricNames.CpuUsagePercent + "{cpu=\"total\"}"), 100),
        new("memory", SeriesSelector.Parse(SystemMetricNames.MemoryUsagePercent), 100),
        new("disk", SeriesSelector.Parse(SystemMetricNames.DiskUsagePercent), 100),
        new("inodes", SeriesSelector.Parse(SystemMetricNames.DiskInodesUsagePercent), 100),
        new("file_descriptors", SeriesSelector.Parse(SystemMetricNames.ProcessFdUsagePercent), 100),
        new("connection_pool", SeriesSelector.Parse(DatabaseMetricNames.PoolUsagePercent), 100),
        new("thread_pool_queue", SeriesSelector.Parse("dotnet_thread_pool_queue_length_total"), 100),
    ];
}
