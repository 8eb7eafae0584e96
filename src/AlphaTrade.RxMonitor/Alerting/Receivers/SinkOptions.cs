using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>One sink of a receiver, as configured: its type, name and delivery, and the options of its type.</summary>
/// <remarks>
/// In configuration the type's own keys sit beside <c>Type</c>, <c>Name</c> and <c>Delivery</c>
/// (<c>{ "type": "webhook", "url": "http://…" }</c>); the <see cref="AlertSinkRegistry"/> binds them strictly to the
/// options class the type was registered with (<see cref="AlertSinkRegistry.AddSinkType{TOptions}"/>), so an unknown
/// key is reported with its path. In code, set <see cref="Settings"/> to an instance of that class.
/// </remarks>
public sealed class SinkOptions : IExtensibleOptions
{
    private ConfigurationNode? _section;

    /// <summary>The sink type: <c>console</c>, <c>webhook</c>, <c>alertmanager</c>, or a type registered in <see cref="AlertSinkRegistry"/> (e.g. <c>serilog</c>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>A name for diagnostics (default: the type and the receiver).</summary>
    public string? Name { get; set; }

    /// <summary>Delivery settings for this sink; unset values use <see cref="Alerting.AlertingOptions.Delivery"/>.</summary>
    public SinkDeliveryOptions? Delivery { get; set; }

    /// <summary>
    /// The options of the sink's type (e.g. <see cref="Sinks.WebhookSinkOptions"/>): given in code, or bound from the sink's
    /// section when the alerting options are validated. Null: the type's defaults.
    /// </summary>
    public object? Settings { get; set; }

    /// <summary>The section the sink was read from, holding its type's keys; null when built in code.</summary>
    internal ConfigurationNode? Section => _section;

    /// <summary>The keys every sink takes, besides its type's.</summary>
    internal static IReadOnlyList<string> CommonKeys { get; } = [nameof(Type), nameof(Name), nameof(Delivery)];

    /// <inheritdoc/>
    void IExtensibleOptions.Extend(ConfigurationNode section, KeyPath path) => _section = section;
}
