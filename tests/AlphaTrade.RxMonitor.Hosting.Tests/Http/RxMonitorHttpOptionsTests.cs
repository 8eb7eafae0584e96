using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Http;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class RxMonitorHttpOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        Assert.Empty(new RxMonitorHttpOptions().Problems(RxMonitorHttpOptions.Section));
    }

    [Fact]
    public void Validate_Localhost_NoProblems()
    {
        Assert.Empty(new RxMonitorHttpOptions { Address = "localhost" }.Problems(RxMonitorHttpOptions.Section));
    }

    [Fact]
    public void Validate_NonLoopbackWithoutAllowRemote_SaysHowToAllowIt()
    {
        var problem = Assert.Single(new RxMonitorHttpOptions { Address = "0.0.0.0" }.Problems(RxMonitorHttpOptions.Section)).ToString();

        Assert.Equal(
            "RxMonitor:Http:Address: '0.0.0.0' is not a loopback address; serving the network needs RxMonitor:Http:AllowRemote = true and RxMonitor:Http:ApiToken (the endpoints are loopback-only by default).",
            problem);
    }

    [Fact]
    public void Validate_AllowRemoteWithToken_NoProblems()
    {
        Assert.Empty(new RxMonitorHttpOptions { Address = "0.0.0.0", AllowRemote = true, ApiToken = "0123456789abcdef" }.Problems(RxMonitorHttpOptions.Section));
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOneWithItsPath()
    {
        var problems = new RxMonitorHttpOptions { Address = "my-host", Port = 70_000, ApiToken = "short" }.Problems(RxMonitorHttpOptions.Section).Select(static p => p.ToString());

        Assert.Equal(
            [
                "RxMonitor:Http:Port: 70000 is not a TCP port (0-65535; 0 picks a free one).",
                "RxMonitor:Http:Address: 'my-host' is not an IP address or 'localhost'.",
                "RxMonitor:Http:ApiToken: must be at least 16 non-blank characters.",
            ],
            problems);
    }
}
