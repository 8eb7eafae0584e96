using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Exposition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Builds the <see cref="RxMonitorPipeline"/> of <c>AddRxMonitor</c>: validates the section and the code additions as a whole.</summary>
internal static class RxMonitorPipelineFactory
{
    /// <summary>The log category of the embedded monitor.</summary>
    public const string LogCategory = "AlphaTrade.RxMonitor";

    public static RxMonitorPipeline Create(IServiceProvider services)
    {
        var registrations = services.GetRequiredService<RxMonitorRegistrations>();
        var source = services.GetRequiredService<IRxMonitorSettingsSource>();
        var sinkTypes = SinkTypes(registrations, services);
        var settings = Read(registrations, source, sinkTypes, out var problems);
        if (problems.Count > 0 || settings is null)
        {
            throw new ConfigurationException(null, problems);
        }

        var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(LogCategory);
        var pipeline = new RxMonitorPipeline(
            settings,
            registrations.Rules,
            registrations.Sources,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<PipelineMetrics>(),
            f => LogFailure(logger, f),
            sinkTypes);
        if (settings.Alerting.Receivers.Count == 0 && registrations.Sinks.Count == 0)
        {
            pipeline.Manager.AddSink(new LoggerAlertSink(logger));
        }

        foreach (var (sink, receiver) in registrations.Sinks)
        {
            pipeline.Manager.AddSink(sink, receiver);
        }

        return pipeline;
    }

    /// <summary>The sink types configuration may name: the built-in ones and those added in code.</summary>
    public static AlertSinkRegistry SinkTypes(RxMonitorRegistrations registrations, IServiceProvider? services)
    {
        var sinkTypes = new AlertSinkRegistry { Services = services };
        foreach (var register in registrations.SinkTypes)
        {
            register(sinkTypes);
        }

        return sinkTypes;
    }

    /// <summary>Reads the settings and checks the code additions against them; every problem is listed.</summary>
    public static RxMonitorSettings? Read(RxMonitorRegistrations registrations, IRxMonitorSettingsSource source, AlertSinkRegistry sinkTypes, out IReadOnlyList<ConfigurationProblem> problems)
    {
        var settings = source.Read(sinkTypes, registrations.DatabaseProviders, out var readProblems);
        problems = [.. readProblems, .. CheckCodeAdditions(registrations, settings, KeyPath.Section(source.Path))];
        return problems.Count == 0 ? settings : null;
    }

    private static List<ConfigurationProblem> CheckCodeAdditions(RxMonitorRegistrations registrations, RxMonitorSettings? settings, KeyPath path)
    {
        var problems = new List<ConfigurationProblem>();
        var names = new HashSet<string>((settings?.Rules ?? []).Select(static r => r.Name), StringComparer.Ordinal);
        for (var i = 0; i < registrations.Rules.Count; i++)
        {
            var name = registrations.Rules[i].Name;
            if (!names.Add(name))
            {
                problems.Add(path, $"the rule '{name}' added in code (AddRule #{i + 1}) has the name of another rule.");
            }
        }

        if (settings is null)
        {
            return problems;
        }

        var receivers = settings.Alerting.Receivers.Count == 0 ? ["default"] : settings.Alerting.Receivers.Select(static r => r.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < registrations.Sinks.Count; i++)
        {
            if (registrations.Sinks[i].Receiver is { } receiver && !receivers.Contains(receiver))
            {
                problems.Add(path.Key("Alerting").Key("Receivers"), $"the sink '{registrations.Sinks[i].Sink.Name}' added in code (AddSink #{i + 1}) names the receiver '{receiver}', which is not configured (configured: {string.Join(", ", receivers)}).");
            }
        }

        return problems;
    }

    private static void LogFailure(ILogger logger, PipelineFailure failure)
    {
        // A routine failure is one readable line; its stack trace is Debug detail.
        RxMonitorLog.ComponentFailed(logger, failure.Component, failure.Name, FailureText.Reason(failure));
        if (failure.Exception is { } exception)
        {
            RxMonitorLog.ComponentFailureDetail(logger, exception, failure.Component, failure.Name);
        }
    }
}
