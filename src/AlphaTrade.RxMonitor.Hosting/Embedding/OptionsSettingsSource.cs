using Microsoft.Extensions.Options;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Settings configured in code (<c>AddRxMonitor(options => …)</c>), read through <see cref="IOptionsMonitor{TOptions}"/>, which also tells of a change.</summary>
internal sealed class OptionsSettingsSource(IOptionsMonitor<RxMonitorOptions> options, RxMonitorStoreProvider? store) : IRxMonitorSettingsSource
{
    public const string SectionPath = "RxMonitor";

    public string Path => SectionPath;

    public RxMonitorSettings? Read(IReadOnlyCollection<string> sinkTypes, out IReadOnlyList<string> problems) =>
        RxMonitorSettings.FromOptions(options.CurrentValue, store, sinkTypes, SectionPath, out problems);

    public IDisposable OnChange(Action changed) => options.OnChange((_, _) => changed()) ?? System.Reactive.Disposables.Disposable.Empty;
}
