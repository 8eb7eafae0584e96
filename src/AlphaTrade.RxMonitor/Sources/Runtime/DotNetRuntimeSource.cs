using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Runtime;

/// <summary>
/// The .NET runtime's key figures read directly from the runtime APIs, without allocation: an alternative
/// to bridging the <c>System.Runtime</c> meter (whose observable callbacks allocate ≈ 6 KB per collection)
/// for latency-sensitive hosts. Series names match the bridged ones.
/// </summary>
/// <remarks>
/// <para>
/// Emits <c>dotnet_gc_collections_total{gc_heap_generation="gen0"|"gen1"|"gen2"}</c>,
/// <c>dotnet_gc_pause_time_seconds_total</c>, <c>dotnet_gc_heap_total_allocated_bytes_total</c>,
/// <c>dotnet_thread_pool_queue_length_total</c> (current queue length; named as the runtime's meter names it),
/// <c>dotnet_thread_pool_thread_count_total</c>, <c>dotnet_thread_pool_work_item_count_total</c>,
/// <c>dotnet_monitor_lock_contentions_total</c> and <c>dotnet_exceptions_total</c> (first-chance exceptions
/// since this source was created, without the bridge's <c>error_type</c> label).
/// </para>
/// <para>Use either this source or a <c>MeterSource</c> that includes <c>System.Runtime</c>, not both. Dispose to stop counting exceptions.</para>
/// </remarks>
public sealed class DotNetRuntimeSource : IMetricSource, IDisposable
{
    private readonly SeriesKey[] _collections =
    [
        SeriesKey.Create("dotnet_gc_collections_total", new Label("gc_heap_generation", "gen0")),
        SeriesKey.Create("dotnet_gc_collections_total", new Label("gc_heap_generation", "gen1")),
        SeriesKey.Create("dotnet_gc_collections_total", new Label("gc_heap_generation", "gen2")),
    ];

    private readonly SeriesKey _pause = SeriesKey.Create("dotnet_gc_pause_time_seconds_total");
    private readonly SeriesKey _allocated = SeriesKey.Create("dotnet_gc_heap_total_allocated_bytes_total");
    private readonly SeriesKey _queue = SeriesKey.Create("dotnet_thread_pool_queue_length_total");
    private readonly SeriesKey _threads = SeriesKey.Create("dotnet_thread_pool_thread_count_total");
    private readonly SeriesKey _workItems = SeriesKey.Create("dotnet_thread_pool_work_item_count_total");
    private readonly SeriesKey _contentions = SeriesKey.Create("dotnet_monitor_lock_contentions_total");
    private readonly SeriesKey _exceptions = SeriesKey.Create("dotnet_exceptions_total");
    private long _exceptionCount;

    /// <summary>Creates the source and starts counting first-chance exceptions.</summary>
    public DotNetRuntimeSource() => AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;

    /// <inheritdoc />
    public string Name => "dotnet.runtime";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);

        // GC.CollectionCount(g) also counts the collections of older generations; dotnet.gc.collections reports
        // each generation's own, so subtract the next older generation's count.
        var gen2 = GC.CollectionCount(2);
        var gen1 = GC.CollectionCount(1) - gen2;
        var gen0 = GC.CollectionCount(0) - gen1 - gen2;
        observer.OnNext(new MetricSample(_collections[0], timestampTicks, gen0));
        observer.OnNext(new MetricSample(_collections[1], timestampTicks, gen1));
        observer.OnNext(new MetricSample(_collections[2], timestampTicks, gen2));
        observer.OnNext(new MetricSample(_pause, timestampTicks, GC.GetTotalPauseDuration().TotalSeconds));
        observer.OnNext(new MetricSample(_allocated, timestampTicks, GC.GetTotalAllocatedBytes(precise: false)));
        observer.OnNext(new MetricSample(_queue, timestampTicks, ThreadPool.PendingWorkItemCount));
        observer.OnNext(new MetricSample(_threads, timestampTicks, ThreadPool.ThreadCount));
        observer.OnNext(new MetricSample(_workItems, timestampTicks, ThreadPool.CompletedWorkItemCount));
        observer.OnNext(new MetricSample(_contentions, timestampTicks, Monitor.LockContentionCount));
        observer.OnNext(new MetricSample(_exceptions, timestampTicks, Interlocked.Read(ref _exceptionCount)));
    }

    /// <inheritdoc />
    public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= OnFirstChanceException;

    private void OnFirstChanceException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) =>
        Interlocked.Increment(ref _exceptionCount);
}
