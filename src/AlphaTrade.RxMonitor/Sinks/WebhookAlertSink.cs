using System.Net.Http.Headers;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>POSTs each notification as an Alertmanager webhook v4 JSON body, so any receiver of Alertmanager webhooks takes ours.</summary>
/// <remarks>
/// Labels carry <c>severity</c> (lower-case); firing alerts have Alertmanager's zero <c>endsAt</c>. A non-2xx
/// response fails the attempt (retried by the sink's delivery loop).
/// </remarks>
public sealed class WebhookAlertSink : IAlertSink
{
    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly Uri? _externalUrl;

    /// <summary>Creates the sink.</summary>
    /// <param name="url">The URL to POST to.</param>
    /// <param name="http">The HTTP client (not disposed by the sink).</param>
    /// <param name="name">The sink's name.</param>
    /// <param name="externalUrl">The <c>externalURL</c> / <c>generatorURL</c> to put in bodies.</param>
    public WebhookAlertSink(Uri url, HttpClient http, string name = "webhook", Uri? externalUrl = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _url = url;
        _http = http;
        _externalUrl = externalUrl;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var content = new ByteArrayContent(AlertmanagerJson.Webhook(notification, _externalUrl));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
