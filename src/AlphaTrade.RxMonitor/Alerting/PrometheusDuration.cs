using System.Globalization;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Parses and formats durations in Prometheus notation: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>, <c>1w</c>.</summary>
public static class PrometheusDuration
{
    /// <summary>Parses a duration; units <c>ms s m h d w y</c> (a year is 365 days), largest first, or <c>0</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration, when the text parses.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span is "0")
        {
            return true;
        }

        var lastRank = int.MaxValue;
        long totalMs = 0;
        var i = 0;
        while (i < span.Length)
        {
            var start = i;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
            }

            if (i == start || !long.TryParse(span[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < span.Length && char.IsAsciiLetter(span[i]))
            {
                i++;
            }

            var (rank, ms) = span[unitStart..i] switch
            {
                "y" => (7, 365L * 24 * 3600 * 1000),
                "w" => (6, 7L * 24 * 3600 * 1000),
                "d" => (5, 24L * 3600 * 1000),
                "h" => (4, 3600L * 1000),
                "m" => (3, 60L * 1000),
                "s" => (2, 1000L),
                "ms" => (1, 1L),
                _ => (0, 0L),
            };
            if (rank == 0 || rank >= lastRank)
            {
                return false;
            }

            lastRank = rank;
            try
            {
                totalMs = checked(totalMs + checked(number * ms));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        if (totalMs > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Formats a duration the way Prometheus prints it, e.g. <c>1h30m</c>, <c>0s</c>.</summary>
    /// <param name="duration">A non-negative duration (sub-millisecond parts are dropped).</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder();
        foreach (var (unit, size) in Units)
        {
            if (ms >= size)
            {
                text.Append(CultureInfo.InvariantCulture, $"{ms / size}{unit}");
                ms %= size;
            }
        }

        return text.ToString();
    }

    private static readonly (string Unit, long Size)[] Units =
    [
        ("w", 7L * 24 * 3600 * 1000), ("d", 24L * 3600 * 1000), ("h", 3600L * 1000), ("m", 60L * 1000), ("s", 1000L), ("ms", 1L),
    ];
}
