using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// What one event-stream client has been told: builds the snapshot on connect and, on each tick, the events for what
/// changed since (new samples of the client's series, a changed alert list, a changed health verdict).
/// </summary>
/// <remarks>Used by one client's producer only (not thread-safe). Reads the live state, never the ingest thread's data structures.</remarks>
internal sealed class LiveStateTracker(ILiveStateProvider live, IReadOnlyList<SeriesSelector> selectors)
{
    private Dictionary<SeriesKey, long> _sent = [];
    private string _alertsSignature = string.Empty;
    private HealthReport? _health;

    /// <summary>Everything the client needs to start over: health, active alerts and the latest sample of every matched series.</summary>
    public ServerSentEvent Snapshot()
    {
        _sent = [];
        var alerts = live.GetActiveAlerts();
        _alertsSignature = Signature(alerts);
        _health = live.GetLastHealthReport();
        var health = Health(_health);
        var samples = NewSamples();
        return new ServerSentEvent("snapshot", HttpJson.Serialize(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("health");
            JsonSerializer.Serialize(json, health, HttpJson.Options);
            json.WritePropertyName("alerts");
            ActiveAlertsJson.Write(json, live, alerts);
            json.WritePropertyName("samples");
            JsonSerializer.Serialize(json, samples, HttpJson.Options);
            json.WriteEndObject();
        }));
    }

    public IEnumerable<ServerSentEvent> Changes()
    {
        var samples = NewSamples();
        if (samples.Count > 0)
        {
            yield return new ServerSentEvent("samples", JsonSerializer.Serialize(samples, HttpJson.Options));
        }

        var alerts = live.GetActiveAlerts();
        var signature = Signature(alerts);
        if (signature != _alertsSignature)
        {
            _alertsSignature = signature;
            yield return new ServerSentEvent("alerts", HttpJson.Serialize(json => ActiveAlertsJson.Write(json, live, alerts)));
        }

        var health = live.GetLastHealthReport();
        if (health is not null && !health.SameVerdict(_health))
        {
            _health = health;
            yield return new ServerSentEvent("health", JsonSerializer.Serialize(Health(health), HttpJson.Options));
        }
    }

    private List<SampleJson> NewSamples()
    {
        var samples = new List<SampleJson>();
        if (selectors.Count == 0)
        {
            return samples;
        }

        // Only the series the latest values still hold are remembered, so a series that went away is let go of (its
        // key can be collected and its id reused under label churn).
        var sent = new Dictionary<SeriesKey, long>(_sent.Count);
        foreach (var sample in live.GetLatestSamples())
        {
            if (!Matches(sample.Key))
            {
                continue;
            }

            var known = _sent.TryGetValue(sample.Key, out var last);
            sent[sample.Key] = known ? Math.Max(last, sample.TimestampTicks) : sample.TimestampTicks;
            if ((known && last >= sample.TimestampTicks) || !double.IsFinite(sample.Value))
            {
                continue;
            }

            samples.Add(new SampleJson(sample.Key.ToString(), (sample.TimestampTicks - DateTimeOffset.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond, sample.Value));
        }

        _sent = sent;
        return samples;
    }

    private bool Matches(SeriesKey key)
    {
        foreach (var selector in selectors)
        {
            if (selector.Matches(key))
            {
                return true;
            }
        }

        return false;
    }

    private static HealthEndpoint.Body? Health(HealthReport? report) =>
        report is null ? null : new HealthEndpoint.Body(report.Status, HealthJson.Describe(report), null);

    private static string Signature(IReadOnlyList<Alert> alerts) =>
        string.Join(';', alerts
            .OrderBy(static a => a.Fingerprint)
            .Select(static a => $"{a.FingerprintText}|{a.State}|{a.Severity}|{a.IsFlapping}|{string.Join(',', a.SilencedBy)}|{string.Join(',', a.InhibitedBy)}"));

    internal sealed record SampleJson(string Series, double T, double V);
}
