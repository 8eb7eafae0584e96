using System.Globalization;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>The one duration converter of configuration: <c>30s</c>, <c>1m30s</c> (Prometheus notation) or <c>00:01:30</c> (<c>[d.]hh:mm:ss[.fffffff]</c>).</summary>
/// <remarks>
/// Used wherever a duration is read: appsettings and environment variables (string and <see cref="TimeSpan"/>
/// keys), rules files, alerting and sink options, and the command-line options of <c>rxmon</c>. Negative
/// durations are not durations. Thread-safe.
/// </remarks>
public static class ConfigurationDuration
{
    /// <summary>The forms a duration may take, as said in every problem: <c>30s, 1m30s or 00:01:30</c>.</summary>
    public const string Forms = "30s, 1m30s or 00:01:30";

    /// <summary>Parses <paramref name="text"/> in either form.</summary>
    /// <param name="text">The text as written (not trimmed).</param>
    /// <param name="duration">The duration, when valid.</param>
    /// <returns>True when the text is a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        return PrometheusDuration.TryParse(text, out duration, out _);
    }

    /// <summary>The one wording of a bad duration: <c>expected a duration (30s, 1m30s or 00:01:30), found '1.5m'</c>.</summary>
    /// <param name="text">The text as written.</param>
    /// <returns>The message (without the key).</returns>
    public static string Expected(string? text) => $"expected a duration ({Forms}), found '{text}'";

    /// <summary>Parses <paramref name="text"/>, or adds the bad-duration problem at <paramref name="path"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="path">The key it was read from.</param>
    /// <param name="problems">Where the problem goes.</param>
    /// <returns>The duration, or null when it is not one.</returns>
    public static TimeSpan? Parse(string text, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        if (TryParse(text, out var duration))
        {
            return duration;
        }

        problems.Add(path, Expected(text));
        return null;
    }
}
