using AlphaTrade.RxMonitor.Exposition;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>What the HTTP endpoints serve. An endpoint whose source is <see langword="null"/> is not mapped (404).</summary>
public sealed class RxMonitorEndpointSources
{
    /// <summary>Serves <c>GET /metrics</c>.</summary>
    public PrometheusExporter? Metrics { get; init; }

    /// <summary>Serves <c>GET /health</c>.</summary>
    public IHealthProvider? Health { get; init; }

    /// <summary>Serves <c>GET /alerts</c>.</summary>
    public IActiveAlertsProvider? Alerts { get; init; }

    /// <summary>Serves <c>GET/POST /api/silences</c> and <c>DELETE /api/silences/{id}</c>.</summary>
    public ISilenceProvider? Silences { get; init; }

    /// <summary>The clock that decides silence states and default start times. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
