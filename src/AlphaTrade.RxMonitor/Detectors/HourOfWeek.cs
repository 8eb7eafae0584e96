namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>The hour of the UTC week: 0 = Sunday 00:00–01:00 UTC … 167 = Saturday 23:00–24:00 UTC.</summary>
public static class HourOfWeek
{
    /// <summary>Hours in a week.</summary>
    public const int Count = 168;

    /// <summary>The hour of the week <paramref name="time"/> falls in (UTC).</summary>
    /// <param name="time">A time.</param>
    /// <returns>0–167.</returns>
    public static int Of(DateTimeOffset time) => Of(time.UtcTicks);

    /// <summary>The hour of the week a UTC tick count falls in.</summary>
    /// <param name="utcTicks">UTC ticks since 0001-01-01 (a Monday).</param>
    /// <returns>0–167.</returns>
    public static int Of(long utcTicks)
    {
        // 0001-01-01 was a Monday: shift by one day so that index 0 is Sunday, as DayOfWeek counts.
        var hours = (utcTicks / TimeSpan.TicksPerHour) + 24;
        return (int)(hours % Count);
    }
}
