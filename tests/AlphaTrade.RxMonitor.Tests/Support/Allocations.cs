namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>Measures what a piece of code allocates on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes <paramref name="run"/> allocated on this thread in any of <paramref name="attempts"/> runs.
    /// A one-off allocation by the runtime (tiered JIT swapping code in mid-loop, a type initializer) lands in one
    /// run only; an allocation per sample shows in every run.
    /// </summary>
    public static long LeastOf(int attempts, Action run)
    {
        var least = long.MaxValue;
        for (var i = 0; i < attempts; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
