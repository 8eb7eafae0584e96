using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

/// <summary>Integration: the system sources read this machine's real /proc and statvfs.</summary>
public sealed class RealMachineTests
{
    private static async Task<CollectingObserver> PollTwiceAsync(IMetricSource source)
    {
        var observer = new CollectingObserver();
        source.Poll(0, observer);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        observer.Clear();
        source.Poll(TimeSpan.FromMilliseconds(300).Ticks, observer);
        return observer;
    }

    [Fact]
    public async Task CpuSource_RealProc_ReportsPercentagesPerOnlineCore()
    {
        using var source = new CpuSource();

        var observer = await PollTwiceAsync(source);

        var online = observer.Value(SystemMetricNames.CpusOnline);
        Assert.InRange(online, 1, 4096);
        Assert.All(observer.Samples.Where(s => s.Key.Name == SystemMetricNames.CpuUsagePercent), s => Assert.InRange(s.Value, 0, 100));
        Assert.Contains(observer.Samples, s => s.Key.Name == SystemMetricNames.CpuUsagePercent && s.Key.GetLabel("cpu") == "total");
    }

    [Fact]
    public async Task MemoryAndLoad_RealProc_ReportSaneValues()
    {
        using var memory = new MemorySource();
        using var load = new LoadAverageSource();

        var mem = await PollTwiceAsync(memory);
        var avg = await PollTwiceAsync(load);

        Assert.True(mem.Value(SystemMetricNames.MemoryTotalBytes) > 64L * 1024 * 1024);
        Assert.InRange(mem.Value(SystemMetricNames.MemoryUsagePercent), 0.01, 100);
        Assert.True(mem.Value(SystemMetricNames.MemoryAvailableBytes) <= mem.Value(SystemMetricNames.MemoryTotalBytes));
        Assert.InRange(avg.Value(SystemMetricNames.LoadAverage, ("period", "1m")), 0, 10000);
    }

    [Fact]
    public async Task DiskUsage_RealMounts_ReportsRootFileSystem()
    {
        using var source = new DiskUsageSource();

        var observer = await PollTwiceAsync(source);

        Assert.InRange(observer.Value(SystemMetricNames.DiskUsagePercent, ("mountpoint", "/")), 0, 100);
        Assert.True(observer.Value(SystemMetricNames.DiskTotalBytes, ("mountpoint", "/")) > 0);
        Assert.DoesNotContain(observer.Samples, s => s.Key.GetLabel("fstype") is "proc" or "sysfs" or "cgroup");
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task DiskIoAndNetwork_RealProc_ReportNonNegativeRates()
    {
        using var disk = new DiskIoSource();
        using var network = new NetworkSource();

        var io = await PollTwiceAsync(disk);
        var net = await PollTwiceAsync(network);

        Assert.All(io.Samples, s => Assert.True(s.Value >= 0, s.ToString()));
        Assert.NotEmpty(net.Samples);
        Assert.All(net.Samples, s => Assert.True(s.Value >= 0, s.ToString()));
    }

    [Fact]
    public async Task FileDescriptors_ThisProcess_OpenIsBelowLimit()
    {
        using var source = new FileDescriptorSource();
        using var extra = File.OpenRead(typeof(RealMachineTests).Assembly.Location);

        var observer = await PollTwiceAsync(source);

        var open = observer.Value(SystemMetricNames.ProcessOpenFds);
        Assert.InRange(open, 4, observer.Value(SystemMetricNames.ProcessMaxFds));
        Assert.True(observer.Value(SystemMetricNames.OpenFiles) <= observer.Value(SystemMetricNames.OpenFilesLimit));
    }
}

/// <summary>Integration: a broken source next to real ones under the supervising poller.</summary>
public sealed class SupervisedRealSourcesTests
{
    [Fact]
    public void PollAll_SourceWithMissingFileNextToRealSources_ReportsPathAndOthersKeepFlowing()
    {
        var scheduler = new Microsoft.Reactive.Testing.TestScheduler();
        var missingRoot = Path.Combine(Path.GetTempPath(), "rxmon-missing-" + Guid.NewGuid().ToString("N"));
        using var broken = new CpuSource(missingRoot);
        using var memory = new MemorySource();
        var failures = new RecordingFailureListener();
        var samples = new List<AlphaTrade.RxMonitor.Metrics.MetricSample>();
        var options = new SourcePollingOptions { Interval = TimeSpan.FromSeconds(1) };

        using var _ = new IMetricSource[] { broken, memory }.PollAll(scheduler, options, failures).Subscribe(samples.Add);
        scheduler.AdvanceTo(TimeSpan.FromSeconds(5).Ticks + 1);

        Assert.Equal(6, samples.Count(s => s.Key.Name == SystemMetricNames.MemoryUsagePercent));
        Assert.NotEmpty(failures.Failures);
        Assert.All(failures.Failures, f => Assert.Equal("linux.cpu", f.Name));
        Assert.Contains(Path.Combine(missingRoot, "proc/stat"), failures.Failures[0].Message, StringComparison.Ordinal);
    }
}
