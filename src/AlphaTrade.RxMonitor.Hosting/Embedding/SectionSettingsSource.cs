using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Settings read strictly from a configuration section (<c>AddRxMonitor(section)</c>); a change is the configuration's reload token.</summary>
internal sealed class SectionSettingsSource(IConfigurationSection section, RxMonitorStoreProvider? store) : IRxMonitorSettingsSource
{
    public string Path => section.Path;

    public RxMonitorSettings? Read(AlertSinkRegistry sinkTypes, IReadOnlyList<IDatabaseSourceProvider> databaseProviders, out IReadOnlyList<ConfigurationProblem> problems) =>
        RxMonitorSettings.Read(section, sinkTypes, store, false, null, databaseProviders, out problems);

    public IDisposable OnChange(Action changed) => ChangeToken.OnChange(section.GetReloadToken, changed);
}
