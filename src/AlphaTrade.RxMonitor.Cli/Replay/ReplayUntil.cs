using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;

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

        if (DateTimeOffset.TryParseExact(
                text.ToUpperInvariant(),
                ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var time) && (text.EndsWith('Z') || text.EndsWith('z') || text[^3] == ':'))
        {
            until = new ReplayUntil(time.ToUniversalTime(), TimeSpan.Zero);
            return true;
        }

        error = $"--until: '{text}' is neither an RFC 3339 time (2026-01-01T00:10:00Z) nor +DURATION after the last sample (+10m)";
        return false;
    }

    /// <summary>The end time for samples whose last one is at <paramref name="lastSample"/>.</summary>
    public DateTimeOffset Resolve(DateTimeOffset lastSample) => Time ?? (lastSample + AfterLastSample);
}
