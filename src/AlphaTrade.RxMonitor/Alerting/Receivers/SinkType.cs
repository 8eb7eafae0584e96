using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>A registered sink type: binds a sink's section to its options class and builds the sink from them.</summary>
internal abstract class SinkType
{
    /// <summary>Binds and validates the options of <paramref name="sink"/> (its section, or its <see cref="SinkOptions.Settings"/>), storing them in <see cref="SinkOptions.Settings"/>.</summary>
    public abstract void Bind(SinkOptions sink, KeyPath path, ICollection<ConfigurationProblem> problems);

    /// <summary>Builds the sink of <paramref name="sink"/>, already bound.</summary>
    public abstract IAlertSink Create(SinkOptions sink, AlertSinkContext context);
}
