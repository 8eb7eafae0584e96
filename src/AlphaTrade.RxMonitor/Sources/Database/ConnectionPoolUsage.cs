namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>Connection-pool figures.</summary>
/// <param name="InUse">Connections handed out (open).</param>
/// <param name="Idle">Connections held by the pool, not in use.</param>
/// <param name="Max">The pool's maximum size.</param>
public readonly record struct ConnectionPoolUsage(int InUse, int Idle, int Max)
{
    /// <summary>In use as a percentage of the maximum.</summary>
    public double UsagePercent => Max > 0 ? 100.0 * InUse / Max : 0;
}
