using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Extensions.DependencyInjection;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Adds rules, custom detectors, sinks and sources in code on top of the <c>RxMonitor</c> configuration
/// section (or <see cref="RxMonitorOptions"/>); returned by both <c>AddRxMonitor</c> overloads of <see cref="RxMonitorServiceCollectionExtensions"/>.
/// </summary>
/// <remarks>
/// Call it while configuring services, before the host starts; everything added is used when the pipeline is
/// built (at host start). Not thread-safe. A rule added here must not share its name with a configured rule,
/// and a sink's receiver must be configured; both are reported with the other configuration problems at start.
/// </remarks>
public sealed class RxMonitorBuilder
{
    private readonly RxMonitorRegistrations _registrations;

    internal RxMonitorBuilder(IServiceCollection services, RxMonitorRegistrations registrations)
    {
        Services = services;
        _registrations = registrations;
    }

    /// <summary>The service collection the monitor is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds an alerting rule built in code.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder AddRule(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _registrations.Rules.Add(rule);
        return this;
    }

    /// <summary>Adds a rule whose detector is the user's own Rx query from the selected samples to signals.</summary>
    /// <param name="name">The rule's name, also the <c>alertname</c> label.</param>
    /// <param name="selector">The series the rule watches.</param>
    /// <param name="detectorQuery">The query; see <see cref="AlertRule(string, SeriesSelector, Func{IObservable{MetricSample}, IObservable{DetectorSignal}})"/>.</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder AddDetectorRule(string name, SeriesSelector selector, Func<IObservable<MetricSample>, IObservable<DetectorSignal>> detectorQuery) =>
        AddRule(new AlertRule(name, selector, detectorQuery));

    /// <summary>Adds an alert sink behind its own bounded queue.</summary>
    /// <param name="sink">The sink (not disposed by the monitor).</param>
    /// <param name="receiver">The configured receiver whose notifications it gets; null for every receiver's.</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder AddSink(IAlertSink sink, string? receiver = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _registrations.Sinks.Add((sink, receiver));
        return this;
    }

    /// <summary>
    /// Registers a sink type that configuration can name: a sink <c>{"type": "slack", …}</c> in
    /// <c>RxMonitor:Alerting:Receivers:i:Sinks</c> gets its section bound strictly to <typeparamref name="TOptions"/>
    /// (an unknown key is a problem naming its path), and <paramref name="factory"/> builds the sink from those options.
    /// </summary>
    /// <typeparam name="TOptions">The options class of the type's section (plain settable properties; <see cref="Configuration.IValidatableOptions"/> to check values too).</typeparam>
    /// <param name="type">The type name (any case); the built-in <c>console</c>, <c>webhook</c> and <c>alertmanager</c> are registered the same way.</param>
    /// <param name="factory">Builds one sink from its options and context (<see cref="AlertSinkContext.Services"/> is the application's service provider).</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder AddSinkType<TOptions>(string type, Func<TOptions, AlertSinkContext, IAlertSink> factory)
        where TOptions : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(factory);
        _registrations.SinkTypes.Add(registry => registry.AddSinkType(type, factory));
        return this;
    }

    /// <summary>
    /// Plugs in the store the pipeline writes alert history and roll-ups to, e.g. <c>UseSqliteStore()</c> from
    /// AlphaTrade.RxMonitor.Sqlite; the store's configuration section (<see cref="RxMonitorStoreProvider.SectionName"/>
    /// under <c>RxMonitor</c>) is read with the rest. Without a store, alerts live in memory.
    /// </summary>
    /// <param name="store">The store's provider; replaces one plugged in before.</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder UseStore(RxMonitorStoreProvider store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _registrations.Store = store;
        return this;
    }

    /// <summary>Adds a metric source polled with the built-in ones.</summary>
    /// <param name="source">The source (not disposed by the monitor).</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder AddSource(IMetricSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _registrations.Sources.Add(source);
        return this;
    }

    /// <summary>
    /// Makes a database provider available to <c>Sources:Databases</c> (e.g. <c>new SqliteDatabaseProvider()</c> from
    /// AlphaTrade.RxMonitor.Sqlite, <c>new PostgreSqlDatabaseProvider()</c> from AlphaTrade.RxMonitor.PostgreSql); a
    /// configured database whose provider is not added is a configuration problem at start.
    /// </summary>
    /// <param name="provider">The provider; a later one with the same name wins.</param>
    /// <returns>This builder.</returns>
    public RxMonitorBuilder AddDatabaseProvider(IDatabaseSourceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _registrations.DatabaseProviders.RemoveAll(p => string.Equals(p.Name, provider.Name, StringComparison.OrdinalIgnoreCase));
        _registrations.DatabaseProviders.Add(provider);
        return this;
    }
}
