namespace AlphaTrade.RxMonitor.Sources.Parsing;

/// <summary>The increase of a kernel counter between two reads, with wrap and reset handling.</summary>
internal static class CounterDelta
{
    /// <summary>
    /// <paramref name="current"/> − <paramref name="previous"/>; when the counter went down, a previous value
    /// that fits in 32 bits is taken as a 32-bit wrap (the kernel's <c>unsigned long</c> on 32-bit hosts and
    /// some drivers' 32-bit counters), anything larger as a reset to zero (Prometheus' counter-reset rule).
    /// </summary>
    public static ulong Of(ulong previous, ulong current)
    {
        if (current >= previous)
        {
            return current - previous;
        }

        return previous <= uint.MaxValue ? current + (uint.MaxValue - previous) + 1 : current;
    }
}
