using AlphaTrade.RxMonitor.Exposition;

namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>A durable store's write counters since it was opened, as <see cref="PipelineMetrics"/> publishes them.</summary>
/// <param name="Store">The store's name (its file path), the <c>store</c> tag.</param>
/// <param name="Committed">Writes committed.</param>
/// <param name="Failed">Writes lost because their batch failed (a full disk, a read-only or unusable file).</param>
/// <param name="QueueFull">Writes dropped because the write queue was full.</param>
/// <param name="Healthy">Whether the store is writing now (1) or not (0).</param>
public readonly record struct StoreWriteFigures(string Store, long Committed, long Failed, long QueueFull, bool Healthy);
