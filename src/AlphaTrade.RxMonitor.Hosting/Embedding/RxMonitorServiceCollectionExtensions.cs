using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Registers the RxMonitor pipeline in an application's services.</summary>
public static class RxMonitorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pipeline configured by <paramref name="section"/> (keys of <c>rxmon run</c>'s
    /// <c>RxMonitor</c> section: Rules, EvaluationInterval, DefaultRules, Alerting, Sqlite, Ingest, Sources, Http)
    /// and a hosted service that starts it with the host and stops it in order.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="section">The configuration section, e.g. <c>configuration.GetSection("RxMonitor")</c>; it may be empty.</param>
    /// <returns>A builder to add rules, custom detectors, sinks and sources in code.</returns>
    /// <remarks>
    /// <para>
    /// Registered singletons: <see cref="MetricIngest"/> (the application's <c>Record</c> calls: lock-free, never
    /// block), <see cref="AlertManager"/>, <see cref="HealthMonitor"/>, <see cref="PipelineMetrics"/> and
    /// <see cref="RxMonitorEndpointSources"/> (for <c>app.MapRxMonitor(...)</c>). They are built when first
    /// resolved, at the latest when the host starts.
    /// </para>
    /// <para>
    /// Validation: the section and the code additions are checked as a whole when the pipeline is built; every
    /// problem is listed at the key the user typed (<c>RxMonitor:Alerting:Route:GroupWait</c>) in a <see cref="Configuration.ConfigurationException"/>
    /// and the host does not start. The store is used only when the <c>Sqlite</c> section is present; the
    /// standalone HTTP server only when the <c>Http</c> section is present (in ASP.NET Core, map the endpoints
    /// instead). When no receiver is configured and no sink added, alerts go to the application's log
    /// (category <c>AlphaTrade.RxMonitor</c>). Time is the registered <see cref="TimeProvider"/>, or the system clock.
    /// </para>
    /// </remarks>
    public static RxMonitorBuilder AddRxMonitor(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, new RxMonitorRegistrations((_, store) => new SectionSettingsSource(section, store)));
    }

    /// <summary>
    /// Registers the pipeline configured in code: the same settings as the section overload, as
    /// <see cref="RxMonitorOptions"/> (through the options pattern, so <c>services.Configure&lt;RxMonitorOptions&gt;(…)</c>
    /// elsewhere adds to it), and the same hosted service.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options, e.g. <c>o => o.Rules.Add(new RuleOptions { … })</c>.</param>
    /// <returns>A builder to add rules, custom detectors, sinks and sources in code.</returns>
    /// <remarks>
    /// Validated like the section when the pipeline is built (paths start with <c>RxMonitor</c>). Read through
    /// <see cref="Microsoft.Extensions.Options.IOptionsMonitor{TOptions}"/>: when the options change while the host runs (a
    /// configuration bound to them reloads), the rules are replaced and unchanged rules keep their alert state.
    /// </remarks>
    public static RxMonitorBuilder AddRxMonitor(this IServiceCollection services, Action<RxMonitorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RxMonitorOptions>().Configure(configure);
        return Add(services, new RxMonitorRegistrations(static (sp, store) => new OptionsSettingsSource(sp.GetRequiredService<IOptionsMonitor<RxMonitorOptions>>(), store)));
    }

    private static RxMonitorBuilder Add(IServiceCollection services, RxMonitorRegistrations registrations)
    {
        services.AddSingleton(registrations);
        services.AddSingleton(static sp =>
        {
            var registrations = sp.GetRequiredService<RxMonitorRegistrations>();
            return registrations.Settings(sp, registrations.Store);
        });
        services.AddSingleton(static sp => new PipelineMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(RxMonitorPipelineFactory.Create);
        services.AddSingleton(static sp => sp.GetRequiredService<RxMonitorPipeline>().Ingest);
        services.AddSingleton(static sp => sp.GetRequiredService<RxMonitorPipeline>().Manager);
        services.AddSingleton(static sp => sp.GetRequiredService<RxMonitorPipeline>().Health);
        services.AddSingleton(static sp =>
        {
            var pipeline = sp.GetRequiredService<RxMonitorPipeline>();
            return new PrometheusExporter(pipeline.Latest, pipeline.Metrics.Meter);
        });
        services.AddSingleton(static sp => sp.GetRequiredService<RxMonitorPipeline>().EndpointSources(sp.GetRequiredService<PrometheusExporter>()));
        services.AddSingleton<IHostedService, RxMonitorHostedService>();
        return new RxMonitorBuilder(services, registrations);
    }
}
