using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>The sink types that configuration can name, each with the factory that builds it.</summary>
/// <remarks>
/// Built in: <c>console</c>, <c>webhook</c> (Alertmanager webhook v4 body) and <c>alertmanager</c> (push to
/// <c>/api/v2/alerts</c>). Packages add theirs (e.g. <c>serilog</c> from AlphaTrade.RxMonitor.Serilog). Not thread-safe
/// while registering; register before building the alert manager.
/// </remarks>
public sealed class AlertSinkRegistry
{
    /// <summary>The console sink type.</summary>
    public const string ConsoleType = "console";

    /// <summary>The webhook sink type.</summary>
    public const string WebhookType = "webhook";

    /// <summary>The Alertmanager push sink type.</summary>
    public const string AlertmanagerType = "alertmanager";

    private readonly Dictionary<string, Func<SinkOptions, AlertSinkContext, IAlertSink>> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry with the built-in types.</summary>
    public AlertSinkRegistry()
    {
        _factories[ConsoleType] = static (o, c) => new ConsoleAlertSink(Console.Out, o.Name ?? $"console:{c.Receiver}");
        _factories[WebhookType] = static (o, c) => new WebhookAlertSink(new Uri(o.Url!), c.HttpClient, o.Name ?? $"webhook:{c.Receiver}", c.ExternalUrl);
        _factories[AlertmanagerType] = static (o, c) => new AlertmanagerPushSink(
            new Uri(o.Url!),
            c.HttpClient,
            c.TimeProvider,
            new AlertmanagerPushOptions
            {
                Name = o.Name ?? $"alertmanager:{c.Receiver}",
                ResendInterval = o.ResendInterval is { } r && PrometheusDuration.TryParse(r, out var d) ? d : AlertmanagerPushOptions.DefaultResendInterval,
                GeneratorUrl = c.ExternalUrl,
                FailureListener = c.FailureListener,
            });
    }

    /// <summary>The built-in type names.</summary>
    public static IReadOnlyCollection<string> BuiltInTypes { get; } = [ConsoleType, WebhookType, AlertmanagerType];

    /// <summary>Every registered type name.</summary>
    public IReadOnlyCollection<string> Types => _factories.Keys;

    /// <summary>Registers (or replaces) a sink type.</summary>
    /// <param name="type">The name configuration uses in <see cref="SinkOptions.Type"/>.</param>
    /// <param name="factory">Builds the sink from its options; called once per configured sink when the manager starts.</param>
    /// <returns>This registry.</returns>
    public AlertSinkRegistry Register(string type, Func<SinkOptions, AlertSinkContext, IAlertSink> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[type] = factory;
        return this;
    }

    internal IAlertSink Create(SinkOptions options, AlertSinkContext context) =>
        _factories.TryGetValue(options.Type, out var factory)
            ? factory(options, context)
            : throw new InvalidOperationException($"Unknown sink type '{options.Type}'.");
}
