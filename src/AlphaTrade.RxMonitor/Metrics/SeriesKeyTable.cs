namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// The intern table of <see cref="SeriesKey"/>: equal keys are one object while any of them lives, each live key
/// has a dense id, and a collected key's entry and id are freed (by its finalizer) for reuse.
/// </summary>
/// <remarks>
/// Entries hold keys weakly, so the table keeps nothing alive. Thread-safe behind one lock: keys are created once
/// per series and reused, so the lock is off every per-sample path.
/// </remarks>
internal sealed class SeriesKeyTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Identity, Entry> _entries = [];
    private readonly Stack<int> _freeIds = new();
    private int _nextId;
    private long _nextStamp;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public int IdSpace => Volatile.Read(ref _nextId);

    public SeriesKey GetOrCreate(string name, LabelSet labels)
    {
        var probe = new Identity(name, labels);
        lock (_gate)
        {
            if (_entries.TryGetValue(probe, out var entry) && entry.Key.TryGetTarget(out var existing))
            {
                return existing;
            }

            // None, or one collected and not yet finalized: that one's finalizer frees its own id and leaves this entry.
            var id = _freeIds.Count > 0 ? _freeIds.Pop() : _nextId++;
            var key = SeriesKey.NewInterned(name, labels, id, ++_nextStamp);
            _entries.Remove(probe);
            _entries.Add(probe, new Entry(new WeakReference<SeriesKey>(key), id));
            return key;
        }
    }

    public void Release(SeriesKey key)
    {
        var probe = new Identity(key.Name, key.Labels);
        lock (_gate)
        {
            if (_entries.TryGetValue(probe, out var entry) && entry.Id == key.Id)
            {
                _entries.Remove(probe);
            }

            _freeIds.Push(key.Id);
        }
    }

    private readonly record struct Entry(WeakReference<SeriesKey> Key, int Id);

    /// <summary>A series' name and labels as a table key, so a lookup allocates no key object.</summary>
    private readonly struct Identity(string name, LabelSet labels) : IEquatable<Identity>
    {
        private readonly int _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), labels.GetHashCode());

        public bool Equals(Identity other) => other._hash == _hash && other.Name == Name && other.Labels.Equals(Labels);

        public override bool Equals(object? obj) => obj is Identity other && Equals(other);

        public override int GetHashCode() => _hash;

        private string Name => name;

        private LabelSet Labels => labels;
    }
}
