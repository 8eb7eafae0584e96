using System.Globalization;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary>Reads an RFC 3339 time as the replay options take it (<c>2026-01-01T00:10:00Z</c>, an offset, optional fractions).</summary>
internal static class Rfc3339Time
{
    /// <summary>Parses <paramref name="text"/>; the zone (<c>Z</c> or <c>±hh:mm</c>) is required.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        if (text.Length > 6
            && DateTimeOffset.TryParseExact(
                text.ToUpperInvariant(),
                ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var parsed)
            && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':')))
        {
            time = parsed.ToUniversalTime();
            return true;
        }

        time = default;
        return false;
    }
}
