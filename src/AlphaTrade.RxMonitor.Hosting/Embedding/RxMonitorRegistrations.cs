using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>What <c>AddRxMonitor</c> and its builder collected: where the settings come from and the code additions.</summary>
internal sealed class RxMonitorRegistrations(Func<IServiceProvider, IRxMonitorSettingsSource> settings)
{
    /// <summary>Creates the settings source from the application's services.</summary>
    public Func<IServiceProvider, IRxMonitorSettingsSource> Settings { get; } = settings;

    public List<AlertRule> Rules { get; } = [];

    public List<(IAlertSink Sink, string? Receiver)> Sinks { get; } = [];

    public List<IMetricSource> Sources { get; } = [];
}
