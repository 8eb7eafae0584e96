namespace AlphaTrade.RxMonitor.Operators;

/// <summary>Window alignment: windows of a size start at multiples of that size since the Unix epoch (UTC).</summary>
internal static class EpochWindows
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The start (UTC ticks) of the window of <paramref name="sizeTicks"/> that holds <paramref name="timestampTicks"/>.</summary>
    public static long StartOf(long timestampTicks, long sizeTicks)
    {
        var sinceEpoch = timestampTicks - EpochTicks;
        var remainder = sinceEpoch % sizeTicks;
        if (remainder < 0)
        {
            remainder += sizeTicks;
        }

        return timestampTicks - remainder;
    }
}
