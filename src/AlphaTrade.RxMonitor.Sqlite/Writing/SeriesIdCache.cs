using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// The writer's cache of series rows (key → rowid), bounded: two generations of at most <c>capacity</c> entries
/// each; when the newer is full it becomes the older and the old older is dropped, and a hit in the older moves the
/// entry to the newer. So series written lately stay cached (an approximate least-recently-used cache) and series
/// that went away are let go of, however many come and go. Entries are keyed by <see cref="SeriesKey.Stamp"/>, so
/// the cache holds no key alive (a later key of the same series has a new stamp: a miss, and the same rowid).
/// </summary>
/// <param name="capacity">The entries of one generation; positive.</param>
/// <remarks>Touched by the writer thread only. A miss costs one upsert of the series row, which returns the same rowid.</remarks>
internal sealed class SeriesIdCache(int capacity)
{
    private Dictionary<long, long> _newer = [];
    private Dictionary<long, long> _older = [];

    /// <summary>The entries cached (both generations).</summary>
    public int Count => _newer.Count + _older.Count;

    public bool TryGetValue(SeriesKey key, out long id)
    {
        if (_newer.TryGetValue(key.Stamp, out id))
        {
            return true;
        }

        if (!_older.Remove(key.Stamp, out id))
        {
            return false;
        }

        Add(key, id);
        return true;
    }

    public void Add(SeriesKey key, long id)
    {
        if (_newer.Count >= capacity)
        {
            (_older, _newer) = (_newer, _older);
            _newer.Clear();
        }

        _newer[key.Stamp] = id;
    }

    public void Remove(SeriesKey key)
    {
        _newer.Remove(key.Stamp);
        _older.Remove(key.Stamp);
    }
}
