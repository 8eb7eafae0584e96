namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>A database's figures at one moment, for health checks (see <see cref="DatabaseMetrics.GetSnapshot"/>).</summary>
/// <param name="Name">The <c>db</c> label.</param>
/// <param name="Pool">Pool usage.</param>
/// <param name="QueriesTotal">Commands executed since start.</param>
/// <param name="FailuresTotal">Commands failed since start.</param>
/// <param name="RecentQueries">Commands in the recent window.</param>
/// <param name="RecentFailures">Failed commands in the recent window.</param>
/// <param name="RecentAverageQuerySeconds">Mean command duration in the recent window (0 without commands).</param>
/// <param name="LockContentionsTotal">Lock contentions since start.</param>
/// <param name="LastProbeSucceeded">Whether the last probe query succeeded (<see langword="null"/> before the first probe).</param>
/// <param name="LastProbeLatencySeconds">The last successful probe's latency.</param>
/// <param name="RecentWindow">The length of the recent window (5 minutes).</param>
public sealed record DatabaseSnapshot(
    string Name,
    ConnectionPoolUsage Pool,
    long QueriesTotal,
    long FailuresTotal,
    long RecentQueries,
    long RecentFailures,
    double RecentAverageQuerySeconds,
    long LockContentionsTotal,
    bool? LastProbeSucceeded,
    double? LastProbeLatencySeconds,
    TimeSpan RecentWindow);
