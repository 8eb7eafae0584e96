using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>The options of an <c>alertmanager</c> sink: <c>{ "type": "alertmanager", "url": "http://127.0.0.1:9093", "resendInterval": "1m" }</c>.</summary>
public sealed class AlertmanagerSinkOptions : IValidatableOptions
{
    /// <summary>The Alertmanager base URL (alerts go to <c>/api/v2/alerts</c>). Required; absolute http(s).</summary>
    public string? Url { get; set; }

    /// <summary>How often firing alerts are re-sent (default <c>1m</c>); their <c>endsAt</c> is four times this ahead.</summary>
    public string? ResendInterval { get; set; }

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        SinkUrl.Check(Url, path.Key(nameof(Url)), AlertSinkRegistry.AlertmanagerType, problems);
        Alerting.AlertingOptionsValidator.Duration(ResendInterval, path.Key(nameof(ResendInterval)), problems);
    }
}
