using System.Net.Http.Headers;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>Pushes alerts to an Alertmanager (<c>POST /api/v2/alerts</c>), as Prometheus does, so an Alertmanager cluster de-duplicates and fans out.</summary>
/// <remarks>
/// <para>Firing alerts are sent with <c>endsAt</c> four re-send intervals ahead and re-sent every
/// <see cref="AlertmanagerPushOptions.ResendInterval"/> (on the <see cref="TimeProvider"/>) until they resolve, so
/// Alertmanager never times them out while they fire; a resolution is sent with the alert's <c>endsAt</c>. Labels
/// carry <c>severity</c>; when a firing alert's severity changes, the old label set is resolved (its <c>endsAt</c>
/// set to now) and the new one fires. Use it on a receiver with <c>sendResolved</c> (the default).</para>
/// <para>Re-sends run on the timer; their failures are reported to the failure listener and the next tick tries
/// again. Dispose stops the timer.</para>
/// </remarks>
public sealed class AlertmanagerPushSink : IAlertSink, IDisposable
{
    private readonly Uri _endpoint;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly AlertmanagerPushOptions _options;
    private readonly FailureReporter _reporter;
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, (LabelSet Labels, Alert Alert)> _firing = [];
    private readonly ITimer _resendTimer;
    private int _resending;

    /// <summary>Creates the sink.</summary>
    /// <param name="alertmanager">The Alertmanager's base URL, e.g. <c>http://127.0.0.1:9093</c>.</param>
    /// <param name="http">The HTTP client (not disposed by the sink).</param>
    /// <param name="timeProvider">Drives the re-send timer and <c>endsAt</c>.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public AlertmanagerPushSink(Uri alertmanager, HttpClient http, TimeProvider timeProvider, AlertmanagerPushOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alertmanager);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options ?? new AlertmanagerPushOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.ResendInterval, TimeSpan.Zero, nameof(options));
        var root = alertmanager.AbsoluteUri.EndsWith('/') ? alertmanager : new Uri(alertmanager.AbsoluteUri + "/");
        _endpoint = new Uri(root, "api/v2/alerts");
        _http = http;
        _time = timeProvider;
        _reporter = new FailureReporter(_options.FailureListener, timeProvider);
        _resendTimer = timeProvider.CreateTimer(static s => ((AlertmanagerPushSink)s!).Resend(), this, _options.ResendInterval, _options.ResendInterval);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>How many alerts are being kept alive by re-sends.</summary>
    public int FiringCount
    {
        get
        {
            lock (_gate)
            {
                return _firing.Count;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var now = _time.GetUtcNow();
        var validUntil = now + (4 * _options.ResendInterval);
        var batch = new List<(LabelSet, Alert, DateTimeOffset)>();
        lock (_gate)
        {
            foreach (var alert in notification.Alerts)
            {
                var labels = ExportedLabels.Of(alert);
                if (_firing.TryGetValue(alert.Fingerprint, out var previous) && !previous.Labels.Equals(labels))
                {
                    batch.Add((previous.Labels, previous.Alert, now));
                }

                if (alert.State == AlertState.Firing)
                {
                    _firing[alert.Fingerprint] = (labels, alert);
                    batch.Add((labels, alert, validUntil));
                }
                else
                {
                    _firing.Remove(alert.Fingerprint);
                    batch.Add((labels, alert, alert.EndsAt ?? now));
                }
            }
        }

        await PostAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _resendTimer.Dispose();

    private void Resend()
    {
        if (Interlocked.Exchange(ref _resending, 1) == 1)
        {
            return;
        }

        var validUntil = _time.GetUtcNow() + (4 * _options.ResendInterval);
        List<(LabelSet, Alert, DateTimeOffset)> batch;
        lock (_gate)
        {
            batch = [.. _firing.Values.Select(f => (f.Labels, f.Alert, validUntil))];
        }

        if (batch.Count == 0)
        {
            Volatile.Write(ref _resending, 0);
            return;
        }

        _ = ResendAsync(batch);
    }

    private async Task ResendAsync(List<(LabelSet, Alert, DateTimeOffset)> batch)
    {
        try
        {
            using var timeout = new CancellationTokenSource(4 * _options.ResendInterval, _time);
            await PostAsync(batch, timeout.Token).ConfigureAwait(false);
        }
        // Re-send failures are reported; the next tick tries again.
        catch (Exception ex)
        {
            _reporter.Report(PipelineComponent.Sink, Name, $"Re-sending {batch.Count} firing alert(s) to {_endpoint} failed; retrying at the next re-send.", ex);
        }
        finally
        {
            Volatile.Write(ref _resending, 0);
        }
    }

    private async Task PostAsync(List<(LabelSet, Alert, DateTimeOffset)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var content = new ByteArrayContent(AlertmanagerJson.PostableAlerts(batch, _options.GeneratorUrl));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
