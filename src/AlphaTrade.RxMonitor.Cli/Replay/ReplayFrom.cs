using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary>The <c>--from</c> of <c>rxmon replay</c>: an RFC 3339 time, or <c>-DURATION</c> before the last sample.</summary>
/// <param name="Time">The time given, or null for a time relative to the last sample.</param>
/// <param name="BeforeLastSample">How long before the last sample, when <paramref name="Time"/> is null.</param>
internal readonly record struct ReplayFrom(DateTimeOffset? Time, TimeSpan BeforeLastSample)
{
    /// <summary>Parses <c>-1h</c> or <c>2026-01-01T00:10:00Z</c> (also <c>+02:00</c> offsets and fractions of a second).</summary>
    public static bool TryParse(string text, out ReplayFrom from, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        from = default;
        error = null;
        if (text.StartsWith('-'))
        {
            if (PrometheusDuration.TryParse(text[1..], out var before, out var durationError))
            {
                from = new ReplayFrom(null, before);
                return true;
            }

            error = $"--from: '{text}': {durationError}";
            return false;
        }

        if (Rfc3339Time.TryParse(text, out var time))
        {
            from = new ReplayFrom(time, TimeSpan.Zero);
            return true;
        }

        error = $"--from: '{text}' is neither an RFC 3339 time (2026-01-01T00:10:00Z) nor -DURATION before the last sample (-1h)";
        return false;
    }

    /// <summary>The start time for samples whose last one is at <paramref name="lastSample"/>.</summary>
    public DateTimeOffset Resolve(DateTimeOffset lastSample) => Time ?? (lastSample - BeforeLastSample);
}
