namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>
/// A bounded set of context hashes: a two-way set-associative cache of 64-bit tags. A lookup that misses inserts
/// the tag, evicting the less recently seen way of its set, so the memory never grows and never allocates.
/// </summary>
internal sealed class ContextMemory
{
    private readonly ulong[] _tags;
    private readonly int _setMask;

    /// <summary>Creates a memory of <paramref name="sets"/> × 2 tags.</summary>
    /// <param name="sets">The number of sets, a power of two.</param>
    public ContextMemory(int sets)
    {
        _tags = new ulong[sets * 2];
        _setMask = sets - 1;
    }

    /// <summary>The bytes the tags take.</summary>
    public int Bytes => _tags.Length * sizeof(ulong);

    /// <summary>Whether <paramref name="hash"/> was seen (and is still held); remembers it either way.</summary>
    /// <param name="hash">The context's hash; 0 is reserved for an empty way, so it is mapped to 1.</param>
    /// <returns><see langword="true"/> when the context was known.</returns>
    public bool SeenBefore(ulong hash)
    {
        var tag = hash == 0 ? 1 : hash;
        var way = (int)(tag >> 40) & _setMask;
        var tags = _tags;
        var i = way * 2;
        if ((uint)(i + 1) >= (uint)tags.Length)
        {
            return false;
        }

        if (tags[i] == tag)
        {
            return true;
        }

        if (tags[i + 1] == tag)
        {
            // Most recent first, so the way evicted on a miss is the older one.
            tags[i + 1] = tags[i];
            tags[i] = tag;
            return true;
        }

        tags[i + 1] = tags[i];
        tags[i] = tag;
        return false;
    }

    /// <summary>Forgets every context.</summary>
    public void Clear() => Array.Clear(_tags);
}
