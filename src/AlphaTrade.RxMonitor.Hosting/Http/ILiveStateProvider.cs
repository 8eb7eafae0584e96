using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Supplies <c>/api/events</c>: the monitor's current state, read by each event stream once per tick.</summary>
/// <remarks>
/// Called on request threads, possibly concurrently, never on the ingest thread; each method must return a copy
/// (or an immutable value) that stays valid, and must be cheap: it is read once per tick per connected client.
/// </remarks>
internal interface ILiveStateProvider : IActiveAlertsProvider
{
    /// <summary>The latest sample of every live series.</summary>
    /// <returns>The samples.</returns>
    IReadOnlyList<MetricSample> GetLatestSamples();

    /// <summary>The latest health report, or <see langword="null"/> before the first one.</summary>
    /// <returns>The report.</returns>
    HealthReport? GetLastHealthReport();
}
