using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>What <c>AddRxMonitor</c> and its builder collected: the configuration section and the code additions.</summary>
internal sealed class RxMonitorRegistrations(IConfiguration configuration)
{
    public IConfiguration Configuration { get; } = configuration;

    public List<AlertRule> Rules { get; } = [];

    public List<(IAlertSink Sink, string? Receiver)> Sinks { get; } = [];

    public List<IMetricSource> Sources { get; } = [];

    /// <summary>The sink types added in code, each applied to the pipeline's <see cref="AlertSinkRegistry"/>.</summary>
    public List<Action<AlertSinkRegistry>> SinkTypes { get; } = [];

    public List<IDatabaseSourceProvider> DatabaseProviders { get; } = [];
}
