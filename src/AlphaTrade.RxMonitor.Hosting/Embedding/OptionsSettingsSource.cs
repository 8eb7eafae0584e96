using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Extensions.Options;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Settings configured in code (<c>AddRxMonitor(options => …)</c>), read through <see cref="IOptionsMonitor{TOptions}"/>, which also tells of a change.</summary>
internal sealed class OptionsSettingsSource(IOptionsMonitor<RxMonitorOptions> options, RxMonitorStoreProvider? store) : IRxMonitorSettingsSource
{
    public const string SectionPath = "RxMonitor";

    public string Path => SectionPath;

    public RxMonitorSettings? Read(AlertSinkRegistry sinkTypes, IReadOnlyList<IDatabaseSourceProvider> databaseProviders, out IReadOnlyList<ConfigurationProblem> problems) =>
        RxMonitorSettings.FromOptions(options.CurrentValue, store, sinkTypes, SectionPath, databaseProviders, out problems);

    public IDisposable OnChange(Action changed) => options.OnChange((_, _) => changed()) ?? System.Reactive.Disposables.Disposable.Empty;
}
