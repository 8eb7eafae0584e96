using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>
/// Reuses the quantile sketches of closed buckets: the roll-up writer rents one per open bucket and hands it
/// to the store's writer with the closed bucket; the writer serializes it and returns it.
/// </summary>
/// <remarks>
/// After a warm-up (as many sketches as buckets ever in flight at once) renting allocates nothing. At most
/// <c>maxPooled</c> idle sketches are kept (the store passes its queue capacity, the most that can be in
/// flight); beyond that a returned sketch is left to the GC. So the pool holds the high-water mark of
/// buckets in flight, about 1.2 KB each. Thread-safe (a lock: one producer and one writer touch it per closed bucket).
/// </remarks>
internal sealed class SketchPool(int maxPooled)
{
    private readonly Lock _gate = new();
    private readonly Stack<DDSketch> _idle = new();

    public DDSketch Rent()
    {
        lock (_gate)
        {
            if (_idle.TryPop(out var sketch))
            {
                return sketch;
            }
        }

        return new DDSketch();
    }

    /// <summary>Clears <paramref name="sketch"/> and keeps it for the next <see cref="Rent"/>.</summary>
    public void Return(DDSketch sketch)
    {
        sketch.Clear();
        lock (_gate)
        {
            if (_idle.Count < maxPooled)
            {
                _idle.Push(sketch);
            }
        }
    }
}
