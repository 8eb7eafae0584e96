using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

public sealed class DiskIoSourceTests
{
    [Fact]
    public void Poll_TwoReadsTwoSecondsApart_EmitsRatesForWholeDisksOnly()
    {
        using var fixture = new ProcFixture().Use("proc/diskstats", "diskstats.1");
        using var source = new DiskIoSource(fixture.Root);
        var observer = new CollectingObserver();
        source.Poll(0, observer);
        fixture.Use("proc/diskstats", "diskstats.2");

        source.Poll(2 * TimeSpan.TicksPerSecond, observer);

        Assert.Equal(50, observer.Value(SystemMetricNames.DiskReadsPerSecond, ("device", "vda")));
        Assert.Equal(512000, observer.Value(SystemMetricNames.DiskReadBytesPerSecond, ("device", "vda")));
        Assert.Equal(150, observer.Value(SystemMetricNames.DiskWritesPerSecond, ("device", "vda")));
        Assert.Equal(2048000, observer.Value(SystemMetricNames.DiskWrittenBytesPerSecond, ("device", "vda")));
        Assert.Equal(25, observer.Value(SystemMetricNames.DiskIoUtilizationPercent, ("device", "vda")));
        Assert.Equal(["nvme0n1", "vda"], observer.Samples.Select(s => s.Key.GetLabel("device")).Distinct().Order());
    }

    [Theory]
    [InlineData("sda", true)]
    [InlineData("sda1", false)]
    [InlineData("vda", true)]
    [InlineData("nvme0n1", true)]
    [InlineData("nvme0n1p2", false)]
    [InlineData("mmcblk0", true)]
    [InlineData("mmcblk0p1", false)]
    [InlineData("dm-0", true)]
    [InlineData("md127", true)]
    [InlineData("loop3", false)]
    [InlineData("zram0", false)]
    public void IsWholeDisk_DeviceName_ClassifiesLikeNodeExporter(string device, bool expected) =>
        Assert.Equal(expected, DiskIoSource.IsWholeDisk(device));
}

public sealed class DiskUsageSourceTests
{
    private static readonly FileSystemStats s_stats = new(
        TotalBytes: 1000, FreeBytes: 200, AvailableBytes: 100, TotalInodes: 50, FreeInodes: 40);

    private static CollectingObserver Poll(StatFileSystem stat)
    {
        using var fixture = new ProcFixture().Use("proc/self/mounts", "mounts");
        using var source = new DiskUsageSource(fixture.Root, stat);
        var observer = new CollectingObserver();
        source.Poll(1, observer);
        return observer;
    }

    [Fact]
    public void Poll_RealFileSystems_EmitsBytesPercentAndInodes()
    {
        var observer = Poll(static (string _, out FileSystemStats s) => { s = s_stats; return true; });

        Assert.Equal(1000, observer.Value(SystemMetricNames.DiskTotalBytes, ("mountpoint", "/"), ("device", "/dev/vda"), ("fstype", "ext4")));
        Assert.Equal(800, observer.Value(SystemMetricNames.DiskUsedBytes, ("mountpoint", "/")));
        Assert.Equal(100, observer.Value(SystemMetricNames.DiskAvailableBytes, ("mountpoint", "/")));
        Assert.Equal(100.0 * 800 / 900, observer.Value(SystemMetricNames.DiskUsagePercent, ("mountpoint", "/")), 9);
        Assert.Equal(10, observer.Value(SystemMetricNames.DiskInodesUsed, ("mountpoint", "/")));
        Assert.Equal(20, observer.Value(SystemMetricNames.DiskInodesUsagePercent, ("mountpoint", "/")));
    }

    [Fact]
    public void Poll_PseudoAndContainerMounts_AreSkippedAndDuplicatesReportedOnce()
    {
        var observer = Poll(static (string _, out FileSystemStats s) => { s = s_stats; return true; });

        var mounts = observer.Samples.Where(s => s.Key.Name == SystemMetricNames.DiskTotalBytes)
            .Select(s => s.Key.GetLabel("mountpoint")).ToList();
        Assert.Equal(["/", "/mnt/market data", "/run"], mounts);
    }

    [Fact]
    public void Poll_EscapedMountPoint_IsUnescapedAndStattedByRealPath()
    {
        var statted = new List<string>();
        Poll((string mountPoint, out FileSystemStats s) => { statted.Add(mountPoint); s = s_stats; return true; });

        Assert.Contains("/mnt/market data", statted);
    }

    [Fact]
    public void Poll_NoInodeTable_EmitsNoInodeSeries()
    {
        var observer = Poll(static (string _, out FileSystemStats s) => { s = s_stats with { TotalInodes = 0, FreeInodes = 0 }; return true; });

        Assert.NotNull(observer.Find(SystemMetricNames.DiskUsagePercent, ("mountpoint", "/")));
        Assert.Null(observer.Find(SystemMetricNames.DiskInodesTotal));
    }

    [Fact]
    public void Poll_StatFails_SkipsThatMount()
    {
        var observer = Poll(static (string m, out FileSystemStats s) => { s = s_stats; return m != "/run"; });

        Assert.Null(observer.Find(SystemMetricNames.DiskTotalBytes, ("mountpoint", "/run")));
        Assert.NotNull(observer.Find(SystemMetricNames.DiskTotalBytes, ("mountpoint", "/")));
    }
}
