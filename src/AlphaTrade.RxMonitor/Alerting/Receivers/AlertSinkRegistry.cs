using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sinks;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>The sink types that configuration can name, each with the options class of its section and the factory that builds it.</summary>
/// <remarks>
/// Built in: <c>console</c>, <c>webhook</c> (<see cref="WebhookSinkOptions"/>; Alertmanager webhook v4 body) and
/// <c>alertmanager</c> (<see cref="AlertmanagerSinkOptions"/>; push to <c>/api/v2/alerts</c>). Packages and
/// applications add theirs the same way (e.g. <c>serilog</c> from AlphaTrade.RxMonitor.Serilog, or
/// <c>AddRxMonitor(…).AddSinkType&lt;SlackOptions&gt;("slack", …)</c>). Not thread-safe while registering; register
/// before building the alert manager.
/// </remarks>
public sealed class AlertSinkRegistry
{
    /// <summary>The console sink type.</summary>
    public const string ConsoleType = "console";

    /// <summary>The webhook sink type.</summary>
    public const string WebhookType = "webhook";

    /// <summary>The Alertmanager push sink type.</summary>
    public const string AlertmanagerType = "alertmanager";

    private readonly Dictionary<string, SinkType> _types = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry with the built-in types.</summary>
    public AlertSinkRegistry()
    {
        BuiltInSinkTypes.AddTo(this);
    }

    /// <summary>The built-in type names.</summary>
    public static IReadOnlyCollection<string> BuiltInTypes { get; } = [ConsoleType, WebhookType, AlertmanagerType];

    /// <summary>Every registered type name.</summary>
    public IReadOnlyCollection<string> Types => _types.Keys;

    /// <summary>The application's services, handed to factories in <see cref="AlertSinkContext.Services"/> (set by <c>AddRxMonitor</c>); or null.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Registers (or replaces) a sink type whose section binds to <typeparamref name="TOptions"/>.</summary>
    /// <typeparam name="TOptions">The options class of the type's section: plain settable properties, read strictly (unknown keys are reported with their path); when it is <see cref="IValidatableOptions"/> its problems are reported too.</typeparam>
    /// <param name="type">The name configuration uses in <see cref="SinkOptions.Type"/> (any case).</param>
    /// <param name="factory">Builds the sink from its bound options and the context; called once per configured sink when the manager starts.</param>
    /// <returns>This registry.</returns>
    public AlertSinkRegistry AddSinkType<TOptions>(string type, Func<TOptions, AlertSinkContext, IAlertSink> factory)
        where TOptions : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(factory);
        _types[type] = new SinkTypeOf<TOptions>(factory);
        return this;
    }

    /// <summary>Registers (or replaces) a sink type that takes no options of its own (its section holds only <c>Type</c>, <c>Name</c> and <c>Delivery</c>).</summary>
    /// <param name="type">The name configuration uses in <see cref="SinkOptions.Type"/> (any case).</param>
    /// <param name="factory">Builds the sink from the context.</param>
    /// <returns>This registry.</returns>
    public AlertSinkRegistry AddSinkType(string type, Func<AlertSinkContext, IAlertSink> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AddSinkType<NoSinkOptions>(type, (_, c) => factory(c));
    }

    /// <summary>Binds the section of <paramref name="sink"/> to its type's options and validates them; an unknown type is not reported here.</summary>
    internal void Bind(SinkOptions sink, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (_types.TryGetValue(sink.Type, out var type))
        {
            type.Bind(sink, path, problems);
        }
    }

    internal IAlertSink Create(SinkOptions options, AlertSinkContext context) =>
        _types.TryGetValue(options.Type, out var type)
            ? type.Create(options, context)
            : throw new InvalidOperationException($"Unknown sink type '{options.Type}'.");
}
