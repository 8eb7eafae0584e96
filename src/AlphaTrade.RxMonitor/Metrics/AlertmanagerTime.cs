using System.Globalization;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// Times as Alertmanager's API writes them: RFC 3339 in UTC with 100 ns precision, and Go's zero time for an alert
/// that has not ended. The one format of every alert body (the HTTP API, the store's rows, the webhook and push sinks).
/// </summary>
internal static class AlertmanagerTime
{
    /// <summary>Go's zero time: the <c>endsAt</c> of an alert that is still active.</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    /// <summary>Formats <paramref name="time"/> in UTC.</summary>
    /// <param name="time">The time.</param>
    /// <returns>For example <c>2026-01-01T00:00:00.0000000Z</c>.</returns>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats an end time; <see cref="Zero"/> when there is none.</summary>
    /// <param name="endsAt">When the alert ended, or null while it is active.</param>
    /// <returns>The formatted time.</returns>
    public static string FormatEnd(DateTimeOffset? endsAt) => endsAt is { } end ? Format(end) : Zero;
}
