using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

public sealed class NetworkSourceTests
{
    private static CollectingObserver TwoPolls(Func<string, bool>? include = null)
    {
        using var fixture = new ProcFixture().Use("proc/net/dev", "net-dev.1");
        using var source = new NetworkSource(fixture.Root, include);
        var observer = new CollectingObserver();
        source.Poll(TimeSpan.TicksPerSecond, observer);
        Assert.Empty(observer.Samples);
        fixture.Use("proc/net/dev", "net-dev.2");
        source.Poll(2 * TimeSpan.TicksPerSecond, observer);
        return observer;
    }

    [Fact]
    public void Poll_SecondRead_EmitsPerSecondRates()
    {
        var observer = TwoPolls();

        Assert.Equal(1000, observer.Value(SystemMetricNames.NetworkReceiveBytesPerSecond, ("interface", "lo")));
        Assert.Equal(10, observer.Value(SystemMetricNames.NetworkTransmitPacketsPerSecond, ("interface", "lo")));
        Assert.Equal(2, observer.Value(SystemMetricNames.NetworkReceiveErrorsPerSecond, ("interface", "eth0")));
        Assert.Equal(4, observer.Value(SystemMetricNames.NetworkReceiveDropsPerSecond, ("interface", "eth0")));
    }

    [Fact]
    public void Poll_InterfaceWithoutSpaceAfterColon_IsParsed()
    {
        var observer = TwoPolls();

        Assert.Equal(4000, observer.Value(SystemMetricNames.NetworkTransmitBytesPerSecond, ("interface", "wlan0")));
    }

    [Fact]
    public void Poll_32BitCounterWrapped_CountsAcrossTheWrap()
    {
        var observer = TwoPolls();

        Assert.Equal(1296, observer.Value(SystemMetricNames.NetworkReceiveBytesPerSecond, ("interface", "eth0")));
    }

    [Fact]
    public void Poll_64BitCounterWentDown_TreatsAsResetFromZero()
    {
        var observer = TwoPolls();

        Assert.Equal(500, observer.Value(SystemMetricNames.NetworkTransmitBytesPerSecond, ("interface", "eth0")));
    }

    [Fact]
    public void Poll_ExcludedInterface_EmitsNothingForIt()
    {
        var observer = TwoPolls(static name => name != "lo");

        Assert.DoesNotContain(observer.Samples, s => s.Key.GetLabel("interface") == "lo");
        Assert.Equal(8, observer.Samples.Count(s => s.Key.GetLabel("interface") == "eth0"));
    }
}

public sealed class NetworkSourceFormatTests
{
    [Fact]
    public void Poll_NonNumericColumn_ThrowsNamingFileAndInterface()
    {
        using var fixture = new ProcFixture().Use("proc/net/dev", "net-dev.1");
        File.WriteAllText(Path.Combine(fixture.Root, "proc/net/dev"), "h|\nh|\n eth0: 1 2 x 4 5 6 7 8 9 10 11 12 13 14 15 16\n");
        using var source = new NetworkSource(fixture.Root);

        var error = Assert.Throws<FormatException>(() => source.Poll(1, new CollectingObserver()));

        Assert.Contains("proc/net/dev", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 3 of interface eth0", error.Message, StringComparison.Ordinal);
    }
}
