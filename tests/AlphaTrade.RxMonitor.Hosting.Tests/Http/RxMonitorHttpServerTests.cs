using AlphaTrade.RxMonitor.Configuration;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class RxMonitorHttpServerTests
{
    [Fact]
    public async Task Start_PortZero_ListensOnLoopbackWithTheChosenPort()
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources());

        Assert.Equal("127.0.0.1", running.Server.BaseAddress.Host);
        Assert.NotEqual(0, running.Server.BaseAddress.Port);
    }

    [Fact]
    public async Task Start_Default_NotReachableThroughANonLoopbackAddress()
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources());
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .Where(static n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(static n => n.GetIPProperties().UnicastAddresses)
            .Select(static u => u.Address)
            .FirstOrDefault(static a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

        // A machine with no network interface has no other address to try; the bound address itself is then the proof.
        if (external is null)
        {
            Assert.True(IPAddress.IsLoopback(IPAddress.Parse(running.Server.BaseAddress.Host)));
            return;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(external, running.Server.BaseAddress.Port));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Get_UnknownPath_404()
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Alerts = new FakeAlertsProvider() });

        using var response = await running.Client.GetAsync(new Uri("/nothing", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_ToAReadOnlyEndpoint_405()
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Alerts = new FakeAlertsProvider() });

        using var response = await running.Client.PostAsync(new Uri("/alerts", UriKind.Relative), null);

        Assert.Equal(405, (int)response.StatusCode);
    }

    [Fact]
    public void Constructor_AllowRemoteWithoutToken_RefusesWithTheReason()
    {
        var options = new RxMonitorHttpOptions { Address = "0.0.0.0", AllowRemote = true };

        var error = Assert.Throws<ConfigurationException>(() => new RxMonitorHttpServer(options, new RxMonitorEndpointSources()));

        Assert.Contains("RxMonitor:Http:ApiToken: required when RxMonitor:Http:AllowRemote is true", error.Message, StringComparison.Ordinal);
        Assert.Contains("Refusing to start an open listener.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PortInUse_Throws()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var server = new RxMonitorHttpServer(new RxMonitorHttpOptions { Port = port }, new RxMonitorEndpointSources());

        await Assert.ThrowsAnyAsync<IOException>(() => server.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Post_BodyLargerThanTheLimit_413()
    {
        var silences = new InMemorySilenceProvider(TimeProvider.System);
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Silences = silences });
        using var body = new ByteArrayContent(new byte[RxMonitorHttpServer.MaxRequestBodyBytes + 1]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await running.Client.PostAsync(new Uri("/api/silences", UriKind.Relative), body);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Empty(silences.Silences);
    }
}
