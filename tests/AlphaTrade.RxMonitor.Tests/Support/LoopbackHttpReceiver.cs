using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A real HTTP listener on 127.0.0.1 and an ephemeral port that keeps every request body as JSON.</summary>
internal sealed class LoopbackHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<(string Path, JsonElement Body)> _requests = [];
    private readonly Task _loop;

    public LoopbackHttpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public int StatusCode { get; set; } = 200;

    public IReadOnlyList<(string Path, JsonElement Body)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public Task WaitForCountAsync(int count) => Eventually.TrueAsync(() => Requests.Count >= count, $"{count} HTTP request(s) on port {Port}");

    public void Dispose()
    {
        _listener.Close();
        _ = _loop.Exception;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var text = await reader.ReadToEndAsync();
            using (var document = JsonDocument.Parse(text.Length == 0 ? "null" : text))
            {
                lock (_gate)
                {
                    _requests.Add((context.Request.Url!.AbsolutePath, document.RootElement.Clone()));
                }
            }

            context.Response.StatusCode = StatusCode;
            context.Response.Close();
        }
    }
}
