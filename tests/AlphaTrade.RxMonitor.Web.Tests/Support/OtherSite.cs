using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlphaTrade.RxMonitor.Web.Tests.Support;

/// <summary>
/// Another web site on this machine (<c>http://localhost:PORT/</c>, a different origin from rxmon's
/// <c>http://127.0.0.1:PORT/</c>) serving one empty page: the place a cross-site request comes from.
/// </summary>
internal sealed class OtherSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public OtherSite()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Address = new Uri($"http://localhost:{((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        }

        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        var page = Encoding.UTF8.GetBytes("<!doctype html><title>another site</title><link rel=\"icon\" href=\"data:,\">");
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }
}
