using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>The options of a <c>webhook</c> sink: <c>{ "type": "webhook", "url": "http://127.0.0.1:5001/hook" }</c>.</summary>
public sealed class WebhookSinkOptions : IValidatableOptions
{
    /// <summary>The URL the Alertmanager webhook v4 body is posted to. Required; absolute http(s).</summary>
    public string? Url { get; set; }

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        SinkUrl.Check(Url, path.Of(this).Key(nameof(Url)), AlertSinkRegistry.WebhookType, problems);
    }
}
