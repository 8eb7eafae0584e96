namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>The default set of system sources for a Linux host.</summary>
public static class LinuxSystemSources
{
    /// <summary>
    /// Creates CPU, load average, memory, disk usage, disk I/O, network and file-descriptor sources (TCP
    /// latency needs endpoints, so it is not among the defaults).
    /// </summary>
    /// <param name="rootPath">The file-system root holding <c>proc/</c>: <c>/</c> on a host, a fixture folder in tests.</param>
    /// <returns>The sources; dispose each one (they keep their /proc files open between polls).</returns>
    public static IReadOnlyList<IMetricSource> CreateDefaults(string rootPath = "/") =>
    [
        new CpuSource(rootPath),
        new LoadAverageSource(rootPath),
        new MemorySource(rootPath),
        new DiskUsageSource(rootPath),
        new DiskIoSource(rootPath),
        new NetworkSource(rootPath),
        new FileDescriptorSource(rootPath),
    ];
}
