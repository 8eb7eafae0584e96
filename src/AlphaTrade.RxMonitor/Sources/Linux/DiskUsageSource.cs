using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Disk usage per mounted file system: bytes, percent and inodes, from <c>/proc/self/mounts</c> and <c>statvfs</c>.</summary>
/// <remarks>
/// <para>
/// Labels <c>mountpoint</c>, <c>device</c>, <c>fstype</c>. Pseudo and container file systems (proc, sysfs,
/// cgroup, overlay, squashfs, …) and mounts under /proc, /sys, /dev and /run/credentials are skipped, as
/// node_exporter does by default; a mount point listed twice is reported once; file systems of size 0 are
/// skipped. Percent is used / (used + available), as <c>df</c> shows it. Inode series are emitted only for
/// file systems with an inode table. A mount whose statvfs fails (unmounted meanwhile, no permission) is
/// skipped in that poll.
/// </para>
/// <para>Not thread-safe (one poller). Allocates only when a mount is first seen.</para>
/// </remarks>
public sealed class DiskUsageSource : IMetricSource, IDisposable
{
    private static readonly HashSet<string> s_ignoredTypes = new(StringComparer.Ordinal)
    {
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs", "fusectl",
        "hugetlbfs", "iso9660", "mqueue", "nsfs", "overlay", "proc", "procfs", "pstore", "rpc_pipefs", "securityfs",
        "selinuxfs", "squashfs", "sysfs", "tracefs", "ramfs", "efivarfs", "fuse.lxcfs", "nfsd",
    };

    private readonly ProcFile _file;
    private readonly StatFileSystem _stat;
    private readonly List<Mount> _mounts = [];

    /// <summary>Creates the source over the real file systems.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/self/mounts</c>.</param>
    public DiskUsageSource(string rootPath = "/")
        : this(rootPath, FileSystemStats.TryRead)
    {
    }

    /// <summary>Creates the source with a custom statvfs (for tests and other platforms).</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/self/mounts</c>.</param>
    /// <param name="stat">Reads the figures of a mount point; returns <see langword="false"/> to skip it.</param>
    public DiskUsageSource(string rootPath, StatFileSystem stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        _file = new ProcFile(ProcPaths.Under(rootPath, "proc/self/mounts"), 16384);
        _stat = stat;
    }

    /// <inheritdoc />
    public string Name => "linux.disk";

    /// <summary>Whether a mount is skipped by type or place (pseudo, container and kernel file systems).</summary>
    /// <param name="mountPoint">The mount point.</param>
    /// <param name="fileSystemType">The file-system type.</param>
    /// <returns><see langword="true"/> when the mount is not reported.</returns>
    public static bool IsIgnored(string mountPoint, string fileSystemType)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        ArgumentNullException.ThrowIfNull(fileSystemType);
        return s_ignoredTypes.Contains(fileSystemType)
            || IsUnder(mountPoint, "/proc") || IsUnder(mountPoint, "/sys") || IsUnder(mountPoint, "/dev")
            || mountPoint.StartsWith("/run/credentials/", StringComparison.Ordinal)
            || mountPoint.StartsWith("/var/lib/docker/", StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var text = _file.Read();
        foreach (var mount in _mounts)
        {
            mount.ReportedThisPoll = false;
        }

        while (SpanTokenizer.NextLine(ref text, out var line))
        {
            var tokens = new SpanTokenizer(line);
            if (!tokens.Next(out var device) || !tokens.Next(out var mountPoint) || !tokens.Next(out var type))
            {
                continue;
            }

            var mount = Find(mountPoint) ?? Add(device, mountPoint, type);
            if (mount.Keys is null || mount.ReportedThisPoll || !_stat(mount.MountPoint, out var stats) || stats.TotalBytes == 0)
            {
                continue;
            }

            mount.ReportedThisPoll = true;
            var used = (double)(stats.TotalBytes - stats.FreeBytes);
            var usable = used + stats.AvailableBytes;
            var keys = mount.Keys;
            observer.OnNext(new MetricSample(keys[0], timestampTicks, stats.TotalBytes));
            observer.OnNext(new MetricSample(keys[1], timestampTicks, used));
            observer.OnNext(new MetricSample(keys[2], timestampTicks, stats.AvailableBytes));
            observer.OnNext(new MetricSample(keys[3], timestampTicks, usable > 0 ? 100.0 * used / usable : 0));
            if (stats.TotalInodes > 0)
            {
                var inodesUsed = (double)(stats.TotalInodes - stats.FreeInodes);
                observer.OnNext(new MetricSample(keys[4], timestampTicks, stats.TotalInodes));
                observer.OnNext(new MetricSample(keys[5], timestampTicks, inodesUsed));
                observer.OnNext(new MetricSample(keys[6], timestampTicks, 100.0 * inodesUsed / stats.TotalInodes));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    // /proc/mounts escapes space, tab, newline and backslash as \040, \011, \012, \134.
    private static string Unescape(ReadOnlySpan<byte> field)
    {
        var text = DeviceCounters.Decode(field);
        return text.Contains('\\', StringComparison.Ordinal)
            ? text.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
                .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal)
            : text;
    }

    private Mount? Find(ReadOnlySpan<byte> rawMountPoint)
    {
        foreach (var mount in _mounts)
        {
            if (mount.RawMountPoint.AsSpan().SequenceEqual(rawMountPoint))
            {
                return mount;
            }
        }

        return null;
    }

    private Mount Add(ReadOnlySpan<byte> device, ReadOnlySpan<byte> rawMountPoint, ReadOnlySpan<byte> type)
    {
        var mountPoint = Unescape(rawMountPoint);
        var fsType = DeviceCounters.Decode(type);
        SeriesKey[]? keys = null;
        if (!IsIgnored(mountPoint, fsType))
        {
            var labels = LabelSet.Create(
                new Label("mountpoint", mountPoint), new Label("device", Unescape(device)), new Label("fstype", fsType));
            keys =
            [
                SeriesKey.Create(SystemMetricNames.DiskTotalBytes, labels),
                SeriesKey.Create(SystemMetricNames.DiskUsedBytes, labels),
                SeriesKey.Create(SystemMetricNames.DiskAvailableBytes, labels),
                SeriesKey.Create(SystemMetricNames.DiskUsagePercent, labels),
                SeriesKey.Create(SystemMetricNames.DiskInodesTotal, labels),
                SeriesKey.Create(SystemMetricNames.DiskInodesUsed, labels),
                SeriesKey.Create(SystemMetricNames.DiskInodesUsagePercent, labels),
            ];
        }

        var mount = new Mount(rawMountPoint.ToArray(), mountPoint, keys);
        _mounts.Add(mount);
        return mount;
    }

    private sealed class Mount(byte[] rawMountPoint, string mountPoint, SeriesKey[]? keys)
    {
        public byte[] RawMountPoint { get; } = rawMountPoint;

        public string MountPoint { get; } = mountPoint;

        public SeriesKey[]? Keys { get; } = keys;

        public bool ReportedThisPoll { get; set; }
    }
}
