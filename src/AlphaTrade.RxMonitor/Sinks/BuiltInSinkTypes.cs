using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>The sink types every <see cref="AlertSinkRegistry"/> starts with: console, webhook and Alertmanager push.</summary>
internal static class BuiltInSinkTypes
{
    /// <summary>Registers the built-in types in <paramref name="registry"/>.</summary>
    public static void AddTo(AlertSinkRegistry registry)
    {
        registry.AddSinkType(AlertSinkRegistry.ConsoleType, static c => new ConsoleAlertSink(Console.Out, c.SinkName));
        registry.AddSinkType<WebhookSinkOptions>(AlertSinkRegistry.WebhookType, static (o, c) => new WebhookAlertSink(new Uri(o.Url!), c.HttpClient, c.SinkName, c.ExternalUrl));
        registry.AddSinkType<AlertmanagerSinkOptions>(AlertSinkRegistry.AlertmanagerType, static (o, c) => new AlertmanagerPushSink(
            new Uri(o.Url!),
            c.HttpClient,
            c.TimeProvider,
            new AlertmanagerPushOptions
            {
                Name = c.SinkName,
                ResendInterval = ConfigurationDuration.TryParse(o.ResendInterval, out var d) ? d : AlertmanagerPushOptions.DefaultResendInterval,
                GeneratorUrl = c.ExternalUrl,
                FailureListener = c.FailureListener,
            }));
    }
}
