using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Exposition;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>What the HTTP endpoints serve. An endpoint whose source is <see langword="null"/> is not mapped (404).</summary>
public sealed class RxMonitorEndpointSources
{
    /// <summary>Serves <c>GET /metrics</c>.</summary>
    public PrometheusExporter? Metrics { get; init; }

    /// <summary>Serves <c>GET /health</c>.</summary>
    internal IHealthProvider? Health { get; init; }

    /// <summary>Serves <c>GET /alerts</c>.</summary>
    internal IActiveAlertsProvider? Alerts { get; init; }

    /// <summary>Serves <c>GET/POST /api/silences</c> and <c>DELETE /api/silences/{id}</c>.</summary>
    internal ISilenceProvider? Silences { get; init; }

    /// <summary>Serves <c>GET /api/series</c> and <c>GET /api/query_range</c> from stored roll-ups.</summary>
    public IMetricHistory? History { get; init; }

    /// <summary>Serves <c>GET /api/alerts/history</c>.</summary>
    public IAlertHistory? AlertHistory { get; init; }

    /// <summary>Serves <c>GET /api/events</c> (server-sent events) and adds live series to <c>/api/series</c>.</summary>
    internal ILiveStateProvider? Live { get; init; }

    /// <summary>Whether to serve the dashboard page at <c>/</c> and its files under <c>/assets/</c>. Default <see langword="true"/>.</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary>How often each event stream looks for changes. Default 1 s.</summary>
    public TimeSpan EventInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each event stream sends a heartbeat. Default 15 s.</summary>
    public TimeSpan EventHeartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The clock that decides silence states, default time ranges and event ticks. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
