using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

public sealed class LoadAverageSourceTests
{
    [Fact]
    public void Poll_LoadAvgFile_EmitsThreePeriods()
    {
        using var fixture = new ProcFixture().Use("proc/loadavg", "loadavg");
        using var source = new LoadAverageSource(fixture.Root);
        var observer = new CollectingObserver();

        source.Poll(1, observer);

        Assert.Equal(1.09, observer.Value(SystemMetricNames.LoadAverage, ("period", "1m")));
        Assert.Equal(0.56, observer.Value(SystemMetricNames.LoadAverage, ("period", "5m")));
        Assert.Equal(0.32, observer.Value(SystemMetricNames.LoadAverage, ("period", "15m")));
    }
}

public sealed class MemorySourceTests
{
    [Fact]
    public void Poll_ModernKernel_UsesMemAvailable()
    {
        using var fixture = new ProcFixture().Use("proc/meminfo", "meminfo");
        using var source = new MemorySource(fixture.Root);
        var observer = new CollectingObserver();

        source.Poll(1, observer);

        Assert.Equal(24684092.0 * 1024, observer.Value(SystemMetricNames.MemoryTotalBytes));
        Assert.Equal((24684092.0 - 18513069) * 1024, observer.Value(SystemMetricNames.MemoryUsedBytes));
        Assert.Equal(100.0 * (24684092 - 18513069) / 24684092, observer.Value(SystemMetricNames.MemoryUsagePercent), 9);
        Assert.Equal((2097148.0 - 1572861) * 1024, observer.Value(SystemMetricNames.SwapUsedBytes));
        Assert.Equal(100.0 * (2097148 - 1572861) / 2097148, observer.Value(SystemMetricNames.SwapUsagePercent), 9);
    }

    [Fact]
    public void Poll_OldKernelWithoutMemAvailableOrSwap_EstimatesAvailableAndReportsZeroSwap()
    {
        using var fixture = new ProcFixture().Use("proc/meminfo", "meminfo.old-kernel-no-swap");
        using var source = new MemorySource(fixture.Root);
        var observer = new CollectingObserver();

        source.Poll(1, observer);

        Assert.Equal(500000.0 * 1024, observer.Value(SystemMetricNames.MemoryAvailableBytes));
        Assert.Equal(50, observer.Value(SystemMetricNames.MemoryUsagePercent), 9);
        Assert.Equal(0, observer.Value(SystemMetricNames.SwapUsagePercent));
    }
}

public sealed class FileDescriptorSourceTests
{
    [Fact]
    public void Poll_FixtureProcess_EmitsOpenAgainstLimits()
    {
        using var fixture = new ProcFixture()
            .Use("proc/sys/fs/file-nr", "file-nr")
            .Use("proc/self/limits", "limits")
            .WithDirectory("proc/self/fd", 5);
        using var source = new FileDescriptorSource(fixture.Root);
        var observer = new CollectingObserver();

        source.Poll(1, observer);

        Assert.Equal(889, observer.Value(SystemMetricNames.OpenFiles));
        Assert.Equal(2466177, observer.Value(SystemMetricNames.OpenFilesLimit));
        Assert.Equal(5, observer.Value(SystemMetricNames.ProcessOpenFds));
        Assert.Equal(20000, observer.Value(SystemMetricNames.ProcessMaxFds));
        Assert.Equal(100.0 * 5 / 20000, observer.Value(SystemMetricNames.ProcessFdUsagePercent), 12);
    }

    [Fact]
    public void Poll_UnlimitedOpenFiles_EmitsNoLimitSeries()
    {
        using var fixture = new ProcFixture()
            .Use("proc/sys/fs/file-nr", "file-nr")
            .Use("proc/self/limits", "limits.unlimited")
            .WithDirectory("proc/self/fd", 2);
        using var source = new FileDescriptorSource(fixture.Root);
        var observer = new CollectingObserver();

        source.Poll(1, observer);

        Assert.Equal(2, observer.Value(SystemMetricNames.ProcessOpenFds));
        Assert.Null(observer.Find(SystemMetricNames.ProcessMaxFds));
    }
}
