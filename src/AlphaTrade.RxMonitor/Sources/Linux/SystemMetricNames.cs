namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>The metric names the system sources emit (units in the name, Prometheus style).</summary>
public static class SystemMetricNames
{
    /// <summary>CPU busy time in percent since the previous poll; label <c>cpu</c> = <c>total</c> or the core number.</summary>
    public const string CpuUsagePercent = "system_cpu_usage_percent";

    /// <summary>Number of CPUs listed in /proc/stat (online CPUs).</summary>
    public const string CpusOnline = "system_cpus_online";

    /// <summary>Load average; label <c>period</c> = <c>1m</c>, <c>5m</c>, <c>15m</c>.</summary>
    public const string LoadAverage = "system_load_average";

    /// <summary>Total usable memory in bytes.</summary>
    public const string MemoryTotalBytes = "system_memory_total_bytes";

    /// <summary>Memory available for new work without swapping (MemAvailable) in bytes.</summary>
    public const string MemoryAvailableBytes = "system_memory_available_bytes";

    /// <summary>Memory in use (total − available) in bytes.</summary>
    public const string MemoryUsedBytes = "system_memory_used_bytes";

    /// <summary>Memory in use in percent of total.</summary>
    public const string MemoryUsagePercent = "system_memory_usage_percent";

    /// <summary>Swap size in bytes.</summary>
    public const string SwapTotalBytes = "system_swap_total_bytes";

    /// <summary>Swap in use in bytes.</summary>
    public const string SwapUsedBytes = "system_swap_used_bytes";

    /// <summary>Swap in use in percent of its size (0 without swap).</summary>
    public const string SwapUsagePercent = "system_swap_usage_percent";

    /// <summary>File-system size in bytes; labels <c>mountpoint</c>, <c>device</c>, <c>fstype</c>.</summary>
    public const string DiskTotalBytes = "system_disk_total_bytes";

    /// <summary>File-system bytes in use.</summary>
    public const string DiskUsedBytes = "system_disk_used_bytes";

    /// <summary>File-system bytes available to unprivileged users.</summary>
    public const string DiskAvailableBytes = "system_disk_available_bytes";

    /// <summary>Used / (used + available) in percent, as <c>df</c> shows it.</summary>
    public const string DiskUsagePercent = "system_disk_usage_percent";

    /// <summary>Inodes in the file system.</summary>
    public const string DiskInodesTotal = "system_disk_inodes_total";

    /// <summary>Inodes in use.</summary>
    public const string DiskInodesUsed = "system_disk_inodes_used";

    /// <summary>Inodes in use in percent.</summary>
    public const string DiskInodesUsagePercent = "system_disk_inodes_usage_percent";

    /// <summary>Bytes read per second; label <c>device</c>.</summary>
    public const string DiskReadBytesPerSecond = "system_disk_read_bytes_per_second";

    /// <summary>Bytes written per second; label <c>device</c>.</summary>
    public const string DiskWrittenBytesPerSecond = "system_disk_written_bytes_per_second";

    /// <summary>Completed reads per second; label <c>device</c>.</summary>
    public const string DiskReadsPerSecond = "system_disk_reads_per_second";

    /// <summary>Completed writes per second; label <c>device</c>.</summary>
    public const string DiskWritesPerSecond = "system_disk_writes_per_second";

    /// <summary>Share of time the device had I/O in flight, in percent; label <c>device</c>.</summary>
    public const string DiskIoUtilizationPercent = "system_disk_io_utilization_percent";

    /// <summary>Received bytes per second; label <c>interface</c>.</summary>
    public const string NetworkReceiveBytesPerSecond = "system_network_receive_bytes_per_second";

    /// <summary>Transmitted bytes per second; label <c>interface</c>.</summary>
    public const string NetworkTransmitBytesPerSecond = "system_network_transmit_bytes_per_second";

    /// <summary>Received packets per second; label <c>interface</c>.</summary>
    public const string NetworkReceivePacketsPerSecond = "system_network_receive_packets_per_second";

    /// <summary>Transmitted packets per second; label <c>interface</c>.</summary>
    public const string NetworkTransmitPacketsPerSecond = "system_network_transmit_packets_per_second";

    /// <summary>Receive errors per second; label <c>interface</c>.</summary>
    public const string NetworkReceiveErrorsPerSecond = "system_network_receive_errors_per_second";

    /// <summary>Transmit errors per second; label <c>interface</c>.</summary>
    public const string NetworkTransmitErrorsPerSecond = "system_network_transmit_errors_per_second";

    /// <summary>Received packets dropped per second; label <c>interface</c>.</summary>
    public const string NetworkReceiveDropsPerSecond = "system_network_receive_drops_per_second";

    /// <summary>Transmitted packets dropped per second; label <c>interface</c>.</summary>
    public const string NetworkTransmitDropsPerSecond = "system_network_transmit_drops_per_second";

    /// <summary>TCP connect time in seconds to a configured endpoint; label <c>endpoint</c>. Only on success.</summary>
    public const string NetworkConnectLatencySeconds = "system_network_connect_latency_seconds";

    /// <summary>1 when the last TCP connect to the endpoint succeeded within the timeout, else 0; label <c>endpoint</c>.</summary>
    public const string NetworkConnectUp = "system_network_connect_up";

    /// <summary>File handles allocated system-wide (/proc/sys/fs/file-nr).</summary>
    public const string OpenFiles = "system_open_files";

    /// <summary>System-wide file handle limit (fs.file-max).</summary>
    public const string OpenFilesLimit = "system_open_files_limit";

    /// <summary>Open file descriptors of this process.</summary>
    public const string ProcessOpenFds = "process_open_fds";

    /// <summary>This process' soft limit on open file descriptors (RLIMIT_NOFILE).</summary>
    public const string ProcessMaxFds = "process_max_fds";

    /// <summary>This process' open descriptors in percent of its limit.</summary>
    public const string ProcessFdUsagePercent = "process_fd_usage_percent";
}
