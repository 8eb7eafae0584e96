using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// How a store plugs into the monitor (<see cref="RxMonitorBuilder.UseStore"/>): its configuration section and how it
/// opens. Derive from <see cref="RxMonitorStoreProvider{TOptions}"/>.
/// </summary>
public abstract class RxMonitorStoreProvider
{
    private protected RxMonitorStoreProvider()
    {
    }

    /// <summary>The store's section under <c>RxMonitor</c>, e.g. <c>Sqlite</c>.</summary>
    public abstract string SectionName { get; }

    /// <summary>Reads the store's options from <paramref name="section"/> (or the defaults when null) and validates them.</summary>
    internal abstract StoreSettings? Read(IConfigurationSection? section, KeyPath path, List<ConfigurationProblem> problems);

    /// <summary>Opens the store with options <see cref="Read"/> gave.</summary>
    internal abstract IRxMonitorStore Open(object options, TimeProvider time, IFailureListener failures);
}
