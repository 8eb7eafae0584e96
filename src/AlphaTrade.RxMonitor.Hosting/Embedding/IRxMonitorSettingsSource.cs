using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Where the embedded monitor's settings come from, and how it hears that they changed.</summary>
internal interface IRxMonitorSettingsSource
{
    /// <summary>The configuration path that problems start with, e.g. <c>RxMonitor</c>.</summary>
    string Path { get; }

    /// <summary>Reads and validates the settings; every problem is listed with its path.</summary>
    /// <param name="sinkTypes">The sink types the alerting configuration may name.</param>
    /// <param name="databaseProviders">The providers <c>Sources:Databases</c> may name.</param>
    /// <param name="problems">Every problem; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    RxMonitorSettings? Read(AlertSinkRegistry sinkTypes, IReadOnlyList<IDatabaseSourceProvider> databaseProviders, out IReadOnlyList<ConfigurationProblem> problems);

    /// <summary>Calls <paramref name="changed"/> (on the configuration's thread) each time the settings may have changed.</summary>
    /// <returns>Ends the notifications.</returns>
    IDisposable OnChange(Action changed);
}
