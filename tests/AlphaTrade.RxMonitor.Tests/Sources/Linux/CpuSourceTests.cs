using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

public sealed class CpuSourceTests
{
    private static readonly long s_t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void Poll_FirstRead_EmitsOnlyOnlineCount()
    {
        using var fixture = new ProcFixture().Use("proc/stat", "stat.1");
        using var source = new CpuSource(fixture.Root);
        var observer = new CollectingObserver();

        source.Poll(s_t0, observer);

        var sample = Assert.Single(observer.Samples);
        Assert.Equal(SystemMetricNames.CpusOnline, sample.Key.Name);
        Assert.Equal(2, sample.Value);
    }

    [Fact]
    public void Poll_SecondRead_EmitsBusyPercentSincePreviousRead()
    {
        using var fixture = new ProcFixture().Use("proc/stat", "stat.1");
        using var source = new CpuSource(fixture.Root);
        var observer = new CollectingObserver();
        source.Poll(s_t0, observer);
        fixture.Use("proc/stat", "stat.2");
        observer.Clear();

        source.Poll(s_t0 + TimeSpan.TicksPerSecond, observer);

        Assert.Equal(100.0 * 900 / 2200, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "total")), 9);
        Assert.Equal(75, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "0")), 9);
        Assert.Equal(25, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "1")), 9);
    }

    [Fact]
    public void Poll_HotPluggedCpus_ReportFromSecondSighting()
    {
        using var fixture = new ProcFixture().Use("proc/stat", "stat.1");
        using var source = new CpuSource(fixture.Root);
        var observer = new CollectingObserver();
        source.Poll(s_t0, observer);
        fixture.Use("proc/stat", "stat.2");
        source.Poll(s_t0 + TimeSpan.TicksPerSecond, observer);
        Assert.Null(observer.Find(SystemMetricNames.CpuUsagePercent, ("cpu", "2")));
        Assert.Equal(4, observer.Samples[^1].Value);
        fixture.Use("proc/stat", "stat.3");
        observer.Clear();

        source.Poll(s_t0 + (2 * TimeSpan.TicksPerSecond), observer);

        Assert.Equal(20, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "0")), 9);
        Assert.Equal(200.0 / 3, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "2")), 9);
        Assert.Equal(0, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "3")), 9);
        Assert.Null(observer.Find(SystemMetricNames.CpuUsagePercent, ("cpu", "1")));
        Assert.Equal(3, observer.Value(SystemMetricNames.CpusOnline));
    }

    [Fact]
    public void Poll_SameCpuTwice_ReusesSeriesKey()
    {
        using var fixture = new ProcFixture().Use("proc/stat", "stat.1");
        using var source = new CpuSource(fixture.Root);
        var observer = new CollectingObserver();
        source.Poll(s_t0, observer);
        fixture.Use("proc/stat", "stat.2");
        source.Poll(s_t0 + 1, observer);
        fixture.Use("proc/stat", "stat.3");
        source.Poll(s_t0 + 2, observer);

        var keys = observer.Samples.Where(s => s.Key.GetLabel("cpu") == "0").Select(s => s.Key).ToList();

        Assert.Equal(2, keys.Count);
        Assert.Same(keys[0], keys[1]);
    }

    [Fact]
    public void Poll_OldKernelWithFourFields_ComputesUsage()
    {
        using var fixture = new ProcFixture().Use("proc/stat", "stat.old-kernel");
        using var source = new CpuSource(fixture.Root);
        var observer = new CollectingObserver();
        source.Poll(s_t0, observer);
        File.WriteAllText(Path.Combine(fixture.Root, "proc/stat"), "cpu  1100 0 500 8900\ncpu0 1100 0 500 8900\n");

        source.Poll(s_t0 + 1, observer);

        Assert.Equal(10, observer.Value(SystemMetricNames.CpuUsagePercent, ("cpu", "total")), 9);
    }

    [Fact]
    public void Poll_NonNumericField_ThrowsFormatExceptionNamingFile()
    {
        using var fixture = new ProcFixture().Use("proc/stat", "stat.garbage");
        using var source = new CpuSource(fixture.Root);

        var error = Assert.Throws<FormatException>(() => source.Poll(s_t0, new CollectingObserver()));

        Assert.Contains("proc/stat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Poll_MissingFile_ThrowsFileNotFound()
    {
        using var fixture = new ProcFixture();
        using var source = new CpuSource(fixture.Root);

        Assert.Throws<FileNotFoundException>(() => source.Poll(s_t0, new CollectingObserver()));
    }
}
