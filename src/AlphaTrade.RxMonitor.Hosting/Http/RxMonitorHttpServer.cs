using System.Net;
using AlphaTrade.RxMonitor.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// A standalone Kestrel server for the RxMonitor endpoints (<c>rxmon run --http</c>), bound to exactly one
/// address: 127.0.0.1:9464 unless configured otherwise.
/// </summary>
/// <remarks>
/// <para>
/// The server reads nothing from the environment (no <c>ASPNETCORE_URLS</c>, no appsettings): it listens only
/// where <see cref="RxMonitorHttpOptions"/> says. The options are validated in the constructor: a non-loopback
/// address without <see cref="RxMonitorHttpOptions.AllowRemote"/>, or <c>AllowRemote</c> without an API token,
/// refuses to start with every problem listed. Bound to loopback, it answers only requests whose <c>Host</c> is a
/// loopback name (DNS-rebinding protection). It is an <see cref="IHostedService"/>, so a generic host can own it.
/// </para>
/// <para>Start and stop once each; <see cref="DisposeAsync"/> stops it if needed.</para>
/// </remarks>
public sealed class RxMonitorHttpServer : IHostedService, IAsyncDisposable
{
    /// <summary>The largest request body the server accepts: 64 KiB (a silence is well under 1 KiB).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    private readonly WebApplication _app;
    private Uri? _baseAddress;

    /// <summary>Creates the server; it listens after <see cref="StartAsync"/>.</summary>
    /// <param name="options">Where to listen and the API token.</param>
    /// <param name="sources">What to serve.</param>
    /// <exception cref="ConfigurationException">The options are invalid; every problem is listed with its key.</exception>
    public RxMonitorHttpServer(RxMonitorHttpOptions options, RxMonitorEndpointSources sources)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        options.ThrowIfInvalid(RxMonitorHttpOptions.Section);

        var address = options.ResolveAddress()!;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(RxMonitorHttpServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The largest body any endpoint takes is a silence; refuse anything bigger before reading it.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        if (IPAddress.IsLoopback(address))
        {
            // A loopback listener answers only to loopback names: a foreign name resolving to 127.0.0.1 (DNS rebinding) is refused.
            _app.Use(static next => LoopbackHostFilter.Filter(next));
        }

        _app.UseRouting();
        _app.MapRxMonitor(sources, options.ApiToken);
    }

    /// <summary>The address the server listens on, with the actual port when 0 was configured.</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Binds the address and starts serving.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server listens.</returns>
    /// <exception cref="IOException">The address is in use.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(_app.Urls.First());
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{ip}]"
            : uri.Host;
        _baseAddress = new Uri($"http://{host}:{uri.Port}/");
    }

    /// <summary>Stops serving; requests in flight get until <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Ends the graceful wait.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the server if it runs and releases it.</summary>
    /// <returns>A task that completes when released.</returns>
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
