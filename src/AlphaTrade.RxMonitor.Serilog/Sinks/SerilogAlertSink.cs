using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using Serilog;
using Serilog.Events;

namespace AlphaTrade.RxMonitor.Serilog.Sinks;

/// <summary>Writes one structured Serilog event per alert of each notification.</summary>
/// <remarks>
/// <para>Level: firing Info → Information, Warning → Warning, Error → Error, Critical → Fatal; resolved alerts and
/// flapping notices → Information (a flapping start is a Warning).</para>
/// <para>Message: <c>Alert HighCpu firing (warning) alertname=HighCpu instance=db-1</c> (see <see cref="AlertLogText"/>).</para>
/// <para>Properties: <c>AlertName</c>, <c>AlertStatus</c> (firing, resolved, flapping, stopped-flapping),
/// <c>Severity</c>, <c>Fingerprint</c>, <c>Labels</c> and <c>Annotations</c> (dictionaries), <c>LabelText</c> (the labels as text), <c>StartsAt</c>,
/// <c>EndsAt</c>, <c>Value</c>, <c>Receiver</c>, <c>GroupKey</c>, <c>NotificationId</c>, <c>NotificationKind</c>.</para>
/// <para>Serilog's own sinks never throw into the caller, so this sink completes synchronously.</para>
/// </remarks>
public sealed class SerilogAlertSink : IAlertSink
{
    private const string Template = "Alert {AlertName:l} {AlertStatus:l} ({Severity:l}) {LabelText:l}";
    private readonly ILogger _logger;

    /// <summary>Creates the sink.</summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="name">The sink's name.</param>
    public SerilogAlertSink(ILogger logger, string name = "serilog")
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _logger = logger;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var alert in notification.Alerts)
        {
            var status = notification.Kind switch
            {
                NotificationKind.FlappingStarted => "flapping",
                NotificationKind.FlappingStopped => "stopped-flapping",
                _ => alert.State == AlertState.Resolved ? "resolved" : "firing",
            };
            _logger
                .ForContext("Labels", alert.Labels.ToDictionary())
                .ForContext("Fingerprint", alert.FingerprintText)
                .ForContext("Annotations", alert.Annotations)
                .ForContext("StartsAt", alert.StartsAt)
                .ForContext("EndsAt", alert.EndsAt)
                .ForContext("Value", alert.Value)
                .ForContext("Receiver", notification.Receiver)
                .ForContext("GroupKey", notification.GroupKey)
                .ForContext("NotificationId", notification.Id)
                .ForContext("NotificationKind", notification.Kind)
                .Write(Level(alert, notification.Kind), Template, alert.RuleName, status, alert.Severity.ToLabelValue(), AlertLogText.Labels(alert.Labels));
        }

        return ValueTask.CompletedTask;
    }

    private static LogEventLevel Level(Alert alert, NotificationKind kind) => kind switch
    {
        NotificationKind.FlappingStarted => LogEventLevel.Warning,
        NotificationKind.FlappingStopped => LogEventLevel.Information,
        _ when alert.State == AlertState.Resolved => LogEventLevel.Information,
        _ => alert.Severity switch
        {
            Severity.Critical => LogEventLevel.Fatal,
            Severity.Error => LogEventLevel.Error,
            Severity.Warning => LogEventLevel.Warning,
            _ => LogEventLevel.Information,
        },
    };
}
