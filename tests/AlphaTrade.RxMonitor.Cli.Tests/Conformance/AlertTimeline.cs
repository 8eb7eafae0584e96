using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>The alert events <c>rxmon replay</c> printed, replayed to give the active alerts at any time.</summary>
/// <remarks>
/// An alert (identified by its labels) is active, pending or firing, from its pending or firing event until its
/// resolved event; the state at time t reflects every event stamped at or before t. <see cref="ActiveAt"/> writes
/// each active alert as the <c>ALERTS</c> series Prometheus keeps: the alert's labels plus <c>alertstate</c>.
/// </remarks>
internal sealed class AlertTimeline
{
    private readonly List<(DateTimeOffset Time, string State, LabelSet Labels)> _events;

    private AlertTimeline(List<(DateTimeOffset Time, string State, LabelSet Labels)> events) => _events = events;

    public int Count => _events.Count;

    /// <summary>Reads the JSON lines of <c>rxmon replay</c>'s output.</summary>
    public static AlertTimeline Parse(string jsonLines)
    {
        var events = new List<(DateTimeOffset, string, LabelSet)>();
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var labels = LabelSet.Create(root.GetProperty("labels").EnumerateObject()
                .Select(static p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)));
            events.Add((
                DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("state").GetString()!,
                labels));
        }

        return new AlertTimeline(events);
    }

    /// <summary>The active alerts at <paramref name="unixSeconds"/>, as sorted <c>ALERTS{…}</c> literals.</summary>
    public IReadOnlyList<string> ActiveAt(int unixSeconds)
    {
        var time = DateTimeOffset.UnixEpoch.AddSeconds(unixSeconds);
        var states = new Dictionary<LabelSet, string>();
        foreach (var (at, state, labels) in _events)
        {
            if (at > time)
            {
                break;
            }

            if (state == "resolved")
            {
                states.Remove(labels);
            }
            else
            {
                states[labels] = state;
            }
        }

        return [.. states.Select(static s => $"ALERTS{s.Key.With(new Label("alertstate", s.Value))}").Order(StringComparer.Ordinal)];
    }
}
