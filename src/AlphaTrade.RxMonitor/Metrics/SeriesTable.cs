using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// Per-series state of one pipeline stage (a rule set's routes, the latest values, the roll-ups, an operator),
/// found by the series' <see cref="SeriesKey.Id"/> and checked against its <see cref="SeriesKey.Stamp"/>, with
/// eviction of the series the stage no longer needs.
/// </summary>
/// <remarks>
/// <para>
/// An open-addressing table keyed by the id: a lookup hashes one integer and compares one stamp (no string
/// hashing, no allocation), so it sits on the per-sample path. A key's id is reused once the key is collected;
/// the stamp, never reused, tells a later key on the same id from the one an entry belongs to. The table's size
/// follows its own entries (at most twice their peak, shrunk after evictions), not the process's id space, so a
/// stage that sees ten series costs ten entries even while another pipeline holds a hundred thousand.
/// </para>
/// <para>
/// Each entry keeps its key (so the key lives as long as the entry, and no later key can take its id meanwhile),
/// its state and the newest time it was touched at. Eviction is the stage's decision: <see cref="RemoveWhere{TArgument}"/>
/// with "idle since" (<see cref="RemoveIdle"/>) or any other test, so state is freed where the stage knows it is no
/// longer needed and the key can be collected once no table holds it.
/// </para>
/// <para>
/// Threads: every member except <see cref="Values"/> must be called by one thread at a time (the pipeline's
/// consumer). <see cref="Values"/> may be enumerated on other threads at the same time when
/// <typeparamref name="TState"/> is a reference type: it sees each entry's state whole (a reference is read
/// atomically), possibly missing an entry added or including one removed during the enumeration.
/// </para>
/// </remarks>
/// <typeparam name="TState">The state kept per series.</typeparam>
public sealed class SeriesTable<TState>
{
    private const long Empty = 0;
    private const long Removed = -1;
    private const int MinimumCapacity = 16;
    private readonly long _idleTicks;
    private Slots _slots = new(MinimumCapacity);
    private int _used;
    private long _nextIdleSweepTicks = long.MinValue;

    /// <summary>Creates a table whose entries stay until the stage removes them.</summary>
    public SeriesTable()
    {
        _idleTicks = long.MaxValue;
    }

    /// <summary>
    /// Creates a table that also forgets, by itself, the series not touched for <paramref name="idleAfter"/>: when a
    /// series is added (what makes the table grow), at most once per half of that period of touch time.
    /// </summary>
    /// <param name="idleAfter">How long after its newest touch an entry is forgotten; positive.</param>
    public SeriesTable(TimeSpan idleAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleAfter, TimeSpan.Zero);
        _idleTicks = idleAfter.Ticks;
    }

    /// <summary>The number of series with an entry.</summary>
    public int Count { get; private set; }

    /// <summary>The number of slots allocated (a power of two, at least twice the entries at the last resize).</summary>
    public int Capacity => _slots.Entries.Length;

    /// <summary>
    /// The states of every entry, in no particular order (an entry just added whose state is still the default is
    /// skipped); safe from other threads for a reference-type state (see the table's remarks).
    /// </summary>
    public ValueEnumerable Values => new(Volatile.Read(ref _slots));

    /// <summary>Whether <paramref name="key"/> has an entry.</summary>
    /// <param name="key">The series.</param>
    /// <returns><see langword="true"/> when it has one.</returns>
    public bool ContainsKey(SeriesKey key) => IndexOf(key) >= 0;

    /// <summary>The state of <paramref name="key"/>, when it has an entry.</summary>
    /// <param name="key">The series.</param>
    /// <param name="state">The state, or the default.</param>
    /// <returns><see langword="true"/> when it has one.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(SeriesKey key, [MaybeNullWhen(false)] out TState state)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            state = default;
            return false;
        }

        state = _slots.Entries[index].State;
        return true;
    }

    /// <summary>
    /// The state of <paramref name="key"/> by reference, with the entry's touch time moved up to
    /// <paramref name="ticks"/>; a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when it has no entry.
    /// </summary>
    /// <param name="key">The series.</param>
    /// <param name="ticks">The time of the touch (a sample's time, UTC ticks).</param>
    /// <returns>The state's storage, valid until the next call that adds or removes an entry.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TState Touch(SeriesKey key, long ticks)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slots = _slots;
        var entries = slots.Entries;
        var stamp = key.Stamp;
        var index = Home(key.Id, slots.Shift);
        while (true)
        {
            ref var entry = ref entries[index];
            if (entry.Stamp == stamp)
            {
                if (ticks > entry.Touched)
                {
                    entry.Touched = ticks;
                }

                return ref entry.State;
            }

            if (entry.Stamp == Empty)
            {
                return ref Unsafe.NullRef<TState>();
            }

            index = (index + 1) & (entries.Length - 1);
        }
    }

    /// <summary>The state of <paramref name="key"/> by reference, added with the default state when it has no entry; the entry's touch time moves up to <paramref name="ticks"/>.</summary>
    /// <param name="key">The series.</param>
    /// <param name="ticks">The time of the touch (UTC ticks).</param>
    /// <param name="added">Whether the entry was added by this call.</param>
    /// <returns>The state's storage, valid until the next call that adds or removes an entry.</returns>
    public ref TState GetOrAdd(SeriesKey key, long ticks, out bool added)
    {
        ref TState state = ref Touch(key, ticks);
        if (!Unsafe.IsNullRef(ref state))
        {
            added = false;
            return ref state;
        }

        added = true;
        return ref Add(key, ticks);
    }

    /// <summary>Removes the entry of <paramref name="key"/>.</summary>
    /// <param name="key">The series.</param>
    /// <returns><see langword="true"/> when it had one.</returns>
    public bool Remove(SeriesKey key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(_slots, index);
        ShrinkIfSparse();
        return true;
    }

    /// <summary>Removes every entry not touched at or after <paramref name="oldestTicks"/>.</summary>
    /// <param name="oldestTicks">The oldest touch time kept.</param>
    /// <returns>The number of entries removed.</returns>
    public int RemoveIdle(long oldestTicks) =>
        RemoveWhere(static (_, _, touched, oldest) => touched < oldest, oldestTicks);

    /// <summary>Removes every entry for which <paramref name="remove"/> answers <see langword="true"/>.</summary>
    /// <param name="remove">
    /// Asked once per entry with its key, state, newest touch time and <paramref name="argument"/>; may change the
    /// state (e.g. close what it holds) but must not add or remove entries of this table.
    /// </param>
    /// <param name="argument">Passed to <paramref name="remove"/>, so a static lambda allocates nothing.</param>
    /// <typeparam name="TArgument">The argument's type.</typeparam>
    /// <returns>The number of entries removed.</returns>
    public int RemoveWhere<TArgument>(Func<SeriesKey, TState, long, TArgument, bool> remove, TArgument argument)
    {
        ArgumentNullException.ThrowIfNull(remove);
        var slots = _slots;
        var removed = 0;
        for (var i = 0; i < slots.Entries.Length; i++)
        {
            if (slots.Entries[i].Stamp > Empty && remove(slots.Keys[i]!, slots.Entries[i].State, slots.Entries[i].Touched, argument))
            {
                RemoveAt(slots, i);
                removed++;
            }
        }

        ShrinkIfSparse();
        return removed;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        Volatile.Write(ref _slots, new Slots(MinimumCapacity));
        Count = 0;
        _used = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(Slots slots, SeriesKey key)
    {
        var entries = slots.Entries;
        var mask = entries.Length - 1;
        var stamp = key.Stamp;
        var index = Home(key.Id, slots.Shift);
        while (true)
        {
            var found = entries[index].Stamp;
            if (found == stamp)
            {
                return index;
            }

            if (found == Empty)
            {
                return -1;
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>Fibonacci hashing of the id: dense ids spread over the whole table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(int id, int shift) => (int)(((uint)id * 2654435769u) >> shift);

    private int IndexOf(SeriesKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IndexOf(_slots, key);
    }

    private ref TState Add(SeriesKey key, long ticks)
    {
        if (ticks >= _nextIdleSweepTicks && _idleTicks != long.MaxValue)
        {
            _nextIdleSweepTicks = ticks > long.MaxValue - (_idleTicks / 2) ? long.MaxValue : ticks + (_idleTicks / 2);
            if (ticks > long.MinValue + _idleTicks)
            {
                RemoveIdle(ticks - _idleTicks);
            }
        }

        // Removed slots are not reused: a reader enumerating Values never sees one slot change series under it.
        if ((_used + 1) * 4 > Capacity * 3)
        {
            Resize(Math.Max(MinimumCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)(Count + 1) * 2)));
        }

        var slots = _slots;
        var index = Place(slots, key);
        ref var entry = ref slots.Entries[index];
        slots.Keys[index] = key;
        entry.Touched = ticks;
        entry.State = default!;
        Volatile.Write(ref entry.Stamp, key.Stamp);
        Count++;
        _used++;
        return ref entry.State;
    }

    private static int Place(Slots slots, SeriesKey key)
    {
        var mask = slots.Entries.Length - 1;
        var index = Home(key.Id, slots.Shift);
        while (slots.Entries[index].Stamp != Empty)
        {
            index = (index + 1) & mask;
        }

        return index;
    }

    private void RemoveAt(Slots slots, int index)
    {
        Volatile.Write(ref slots.Entries[index].Stamp, Removed);
        slots.Keys[index] = null;
        slots.Entries[index].State = default!;
        Count--;
    }

    private void ShrinkIfSparse()
    {
        if (Capacity > MinimumCapacity && Count * 8 < Capacity)
        {
            Resize(Math.Max(MinimumCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Count) * 2)));
        }
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        var slots = new Slots(capacity);
        for (var i = 0; i < old.Entries.Length; i++)
        {
            if (old.Entries[i].Stamp > Empty)
            {
                var key = old.Keys[i]!;
                var index = Place(slots, key);
                slots.Keys[index] = key;
                slots.Entries[index] = old.Entries[i];
            }
        }

        // Readers still enumerating the old slots finish on them; new readers start on these.
        Volatile.Write(ref _slots, slots);
        _used = Count;
    }

    /// <summary>The states of a table's entries, enumerable without allocation.</summary>
    public readonly struct ValueEnumerable
    {
        private readonly Slots _slots;

        internal ValueEnumerable(Slots slots) => _slots = slots;

        /// <summary>An enumerator over the states.</summary>
        /// <returns>The enumerator.</returns>
        public ValueEnumerator GetEnumerator() => new(_slots);
    }

    /// <summary>Enumerates the states of a table's entries.</summary>
    public struct ValueEnumerator
    {
        private readonly Slots _slots;
        private int _index;

        internal ValueEnumerator(Slots slots)
        {
            _slots = slots;
            _index = -1;
            Current = default!;
        }

        /// <summary>The current entry's state.</summary>
        public TState Current { get; private set; }

        /// <summary>Moves to the next entry.</summary>
        /// <returns><see langword="false"/> after the last.</returns>
        public bool MoveNext()
        {
            var entries = _slots.Entries;
            while (++_index < entries.Length)
            {
                ref var entry = ref entries[_index];
                if (Volatile.Read(ref entry.Stamp) > Empty)
                {
                    var state = entry.State;
                    if (state is not null && Volatile.Read(ref entry.Stamp) > Empty)
                    {
                        Current = state;
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>One slot's stamp (<c>0</c> never used, <c>-1</c> removed), newest touch time and state.</summary>
    internal struct Entry
    {
        public long Stamp;
        public long Touched;
        public TState State;
    }

    /// <summary>One generation of the table's storage: two parallel arrays of one power-of-two length.</summary>
    internal sealed class Slots
    {
        public Slots(int capacity)
        {
            Entries = new Entry[capacity];
            Keys = new SeriesKey?[capacity];
            Shift = 32 - BitOperations.Log2((uint)capacity);
        }

        /// <summary>The hot part of each slot: what a lookup reads and a touch writes, in one cache line.</summary>
        public Entry[] Entries { get; }

        /// <summary>The cold part: each slot's key, read by sweeps.</summary>
        public SeriesKey?[] Keys { get; }

        public int Shift { get; }
    }
}
