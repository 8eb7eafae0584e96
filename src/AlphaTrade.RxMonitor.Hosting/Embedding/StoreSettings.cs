using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The store a pipeline uses: its provider, its validated options and where it is.</summary>
internal sealed record StoreSettings(RxMonitorStoreProvider Provider, object Options, string Location)
{
    /// <summary>Opens the store (it may throw when it cannot be opened).</summary>
    public IRxMonitorStore Open(TimeProvider time, IFailureListener failures) => Provider.Open(Options, time, failures);
}
