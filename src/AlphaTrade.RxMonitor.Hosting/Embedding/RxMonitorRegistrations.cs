using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>What <c>AddRxMonitor</c> and its builder collected: where the settings come from and the code additions.</summary>
internal sealed class RxMonitorRegistrations(Func<IServiceProvider, RxMonitorStoreProvider?, IRxMonitorSettingsSource> settings)
{
    /// <summary>Creates the settings source from the application's services and the store plugged in.</summary>
    public Func<IServiceProvider, RxMonitorStoreProvider?, IRxMonitorSettingsSource> Settings { get; } = settings;

    /// <summary>The store plugged in (<c>UseStore</c>, e.g. through <c>UseSqliteStore</c>); null for none.</summary>
    public RxMonitorStoreProvider? Store { get; set; }

    public List<AlertRule> Rules { get; } = [];

    public List<(IAlertSink Sink, string? Receiver)> Sinks { get; } = [];

    public List<IMetricSource> Sources { get; } = [];

    /// <summary>The sink types added in code, each applied to the pipeline's <see cref="AlertSinkRegistry"/>.</summary>
    public List<Action<AlertSinkRegistry>> SinkTypes { get; } = [];

    public List<IDatabaseSourceProvider> DatabaseProviders { get; } = [];
}
