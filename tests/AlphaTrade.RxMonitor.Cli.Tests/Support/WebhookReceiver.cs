using System.Net;
using System.Text.Json;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>An Alertmanager-webhook receiver on 127.0.0.1 that keeps every body it accepted.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly List<JsonElement> _bodies = [];
    private readonly int _status;

    /// <summary>Starts the receiver.</summary>
    /// <param name="status">The status it answers; bodies are kept only when it is 200.</param>
    public WebhookReceiver(int status = 200)
    {
        _status = status;
        (_listener, Port) = Start();
        _ = ReceiveAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    /// <summary>The (status, alertname, fingerprint, startsAt) of every alert in every body, in arrival order.</summary>
    public IReadOnlyList<(string Status, string AlertName, string Fingerprint, string StartsAt)> Alerts() =>
        [.. Received.SelectMany(static b => b.GetProperty("alerts").EnumerateArray()).Select(static a => (
            a.GetProperty("status").GetString()!,
            a.GetProperty("labels").GetProperty("alertname").GetString()!,
            a.GetProperty("fingerprint").GetString()!,
            a.GetProperty("startsAt").GetString()!))];

    public void Dispose() => _listener.Close();

    private static (HttpListener Listener, int Port) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                if (_status == 200)
                {
                    lock (_bodies)
                    {
                        _bodies.Add(body);
                    }
                }
            }

            context.Response.StatusCode = _status;
            context.Response.Close();
        }
    }
}
