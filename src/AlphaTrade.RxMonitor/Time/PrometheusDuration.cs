using System.Globalization;
using System.Text;

namespace AlphaTrade.RxMonitor.Time;

/// <summary>Parses and formats durations in Prometheus syntax: <c>90s</c>, <c>2m</c>, <c>1h30m</c>, <c>1d</c>, <c>500ms</c>.</summary>
/// <remarks>
/// The grammar is Prometheus's <c>model.ParseDuration</c>: one or more integer-unit pairs in descending unit
/// order, each unit at most once, with the units <c>y</c> (365 days), <c>w</c>, <c>d</c>, <c>h</c>, <c>m</c>,
/// <c>s</c> and <c>ms</c>; a bare <c>0</c> is zero. Fractions, signs, spaces and upper-case units are not
/// accepted, exactly as in Prometheus, so a rule file that Prometheus reads reads the same here. The one parser
/// of rule, alerting and sink configuration and of <c>rxmon replay --until</c>. Thread-safe.
/// </remarks>
public static class PrometheusDuration
{
    private static readonly (string Unit, TimeSpan Length)[] Units =
    [
        ("y", TimeSpan.FromDays(365)),
        ("w", TimeSpan.FromDays(7)),
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    /// <summary>Parses <paramref name="text"/> as a Prometheus duration.</summary>
    /// <param name="text">The text, e.g. <c>1h30m</c>.</param>
    /// <param name="duration">The duration when the text is valid; otherwise zero.</param>
    /// <param name="error">Why the text is invalid; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a duration is required, e.g. 90s, 2m, 1h30m";
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var position = 0;
        var nextUnit = 0;
        var total = TimeSpan.Zero;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == start)
            {
                return Fail(text, $"expected a number at position {start + 1}", out error);
            }

            var number = text[start..position];
            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetter(text[position]))
            {
                position++;
            }

            var unit = text[unitStart..position];
            if (unit.Length == 0)
            {
                return position < text.Length
                    ? Fail(text, $"unexpected '{text[position]}' at position {position + 1} (whole numbers with units only)", out error)
                    : Fail(text, $"the number {number} has no unit (y, w, d, h, m, s, ms)", out error);
            }

            var index = Array.FindIndex(Units, u => u.Unit == unit);
            if (index < 0)
            {
                return Fail(text, $"unknown unit '{unit}' (use y, w, d, h, m, s, ms)", out error);
            }

            if (index < nextUnit)
            {
                return Fail(text, $"unit '{unit}' is repeated or out of order (largest unit first, each once)", out error);
            }

            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ||
                count > TimeSpan.MaxValue.Ticks / Units[index].Length.Ticks ||
                (total + TimeSpan.FromTicks(count * Units[index].Length.Ticks)) < total)
            {
                return Fail(text, "the duration is too long", out error);
            }

            total += TimeSpan.FromTicks(count * Units[index].Length.Ticks);
            nextUnit = index + 1;
        }

        duration = total;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> as a Prometheus duration, when the reason for a failure is not needed.</summary>
    /// <param name="text">The text, e.g. <c>1h30m</c>.</param>
    /// <param name="duration">The duration when the text is valid; otherwise zero.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration) => TryParse(text, out duration, out _);

    /// <summary>Parses <paramref name="text"/> as a Prometheus duration.</summary>
    /// <param name="text">The text, e.g. <c>1h30m</c>.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is not a valid duration; the message says why.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Formats <paramref name="duration"/> the way Prometheus prints it, e.g. <c>1h30m</c>, <c>0s</c>.</summary>
    /// <param name="duration">A non-negative duration in whole milliseconds.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var rest = duration.Ticks;
        foreach (var (unit, length) in Units)
        {
            var count = rest / length.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= count * length.Ticks;
            }
        }

        return text.ToString();
    }

    private static bool Fail(string text, string why, out string error)
    {
        error = $"'{text}' is not a valid duration: {why}; use Prometheus syntax such as 90s, 2m, 1h30m, 1d";
        return false;
    }
}
