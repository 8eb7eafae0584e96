using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>Writes one line per alert of each notification to a <see cref="TextWriter"/> (the console by default).</summary>
/// <remarks>Line format: <c>2026-01-01T00:00:00Z FIRING [critical] HighLatency {instance="db-1"} receiver=default summary="…"</c>.</remarks>
public sealed class ConsoleAlertSink : IAlertSink
{
    private readonly TextWriter _writer;

    /// <summary>Creates the sink.</summary>
    /// <param name="writer">Where lines go (e.g. <see cref="Console.Out"/>).</param>
    /// <param name="name">The sink's name.</param>
    public ConsoleAlertSink(TextWriter writer, string name = "console")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _writer = writer;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = new StringBuilder();
        foreach (var alert in notification.Alerts)
        {
            var status = notification.Kind switch
            {
                NotificationKind.FlappingStarted => "FLAPPING",
                NotificationKind.FlappingStopped => "STOPPED-FLAPPING " + alert.State.ToString().ToUpperInvariant(),
                _ => alert.State.ToString().ToUpperInvariant(),
            };
            text.Append(CultureInfo.InvariantCulture, $"{notification.Timestamp:yyyy-MM-ddTHH:mm:ssZ} {status} [{alert.Severity.ToLabelValue()}] {alert.RuleName} {alert.Labels} receiver={notification.Receiver}");
            if (alert.Annotations.TryGetValue("summary", out var summary))
            {
                text.Append(CultureInfo.InvariantCulture, $" summary=\"{summary}\"");
            }

            text.AppendLine();
        }

        await _writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
