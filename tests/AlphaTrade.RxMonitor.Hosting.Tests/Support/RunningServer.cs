using AlphaTrade.RxMonitor.Hosting.Http;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>A real <see cref="RxMonitorHttpServer"/> on 127.0.0.1 with an ephemeral port, and a client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(RxMonitorHttpServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public RxMonitorHttpServer Server { get; }

    public HttpClient Client { get; }

    public static async Task<RunningServer> StartAsync(RxMonitorEndpointSources sources, string? apiToken = null)
    {
        var server = new RxMonitorHttpServer(new RxMonitorHttpOptions { Port = 0, ApiToken = apiToken }, sources);
        await server.StartAsync(CancellationToken.None);
        return new RunningServer(server);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
