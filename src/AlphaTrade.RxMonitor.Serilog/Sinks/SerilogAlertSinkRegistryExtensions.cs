using AlphaTrade.RxMonitor.Alerting.Receivers;
using Serilog;

namespace AlphaTrade.RxMonitor.Serilog.Sinks;

/// <summary>Registers the <c>serilog</c> sink type, so configuration can name it.</summary>
public static class SerilogAlertSinkRegistryExtensions
{
    /// <summary>The sink type name.</summary>
    public const string SerilogType = "serilog";

    /// <summary>Registers <c>serilog</c>: each configured sink writes to <paramref name="logger"/>.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="logger">The logger configured sinks write to.</param>
    /// <returns>The registry.</returns>
    public static AlertSinkRegistry AddSerilog(this AlertSinkRegistry registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        return registry.AddSinkType(SerilogType, context => new SerilogAlertSink(logger, context.SinkName));
    }
}
