using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary>The <c>--until</c> of <c>rxmon replay</c>: an RFC 3339 time, or <c>+DURATION</c> after the last sample.</summary>
internal readonly record struct ReplayUntil(DateTimeOffset? Time, TimeSpan AfterLastSample)
{
    /// <summary>The default: the last sample's time.</summary>
    public static ReplayUntil LastSample => new(null, TimeSpan.Zero);

    /// <summary>Parses <c>+10m</c> or <c>2026-01-01T00:10:00Z</c>.</summary>
    public static bool TryParse(string text, out ReplayUntil until, out string? error)
    {
        until = LastSample;
        error = null;
        if (text.StartsWith('+'))
        {
            if (ConfigurationDuration.TryParse(text[1..], out var after))
            {
                until = new ReplayUntil(null, after);
                return true;
            }

            error = $"--until: {ConfigurationDuration.Expected(text[1..])} after '+'";
            return false;
        }

        if (Rfc3339Time.TryParse(text, out var time))
        {
            until = new ReplayUntil(time, TimeSpan.Zero);
            return true;
        }

        error = $"--until: '{text}' is neither an RFC 3339 time (2026-01-01T00:10:00Z) nor +DURATION after the last sample (+10m)";
        return false;
    }

    /// <summary>The end time for samples whose last one is at <paramref name="lastSample"/>.</summary>
    public DateTimeOffset Resolve(DateTimeOffset lastSample) => Time ?? (lastSample + AfterLastSample);
}
