using System.Buffers;
using System.Buffers.Binary;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// A mergeable quantile sketch with bounded relative error (DDSketch, Masson, Rim and Lee, VLDB 2019): every
/// quantile it returns is within ±<see cref="RelativeAccuracy"/> (default 1 %) of a value whose rank is the
/// requested one.
/// </summary>
/// <remarks>
/// <para>
/// Values are counted in logarithmic buckets: a positive value x goes to bucket ⌈log_γ x⌉ with
/// γ = (1 + α) / (1 − α), and a bucket is reported as 2γ^k / (γ + 1), which is within α of every value in it.
/// Negative values are kept in a mirrored store, zero (and values below <see cref="double"/>'s smallest normal
/// magnitude) in a counter. The exact minimum and maximum are kept too, so quantiles 0 and 1 are exact and no
/// result lies outside the data.
/// </para>
/// <para>
/// Memory is bounded: each store holds at most <c>maxBucketsPerStore</c> contiguous buckets (default 2048,
/// which at α = 1 % spans values over 17 orders of magnitude without loss); beyond that the buckets of the
/// smallest magnitudes are collapsed into one, which keeps the guarantee for all larger values. Bucket arrays
/// start small and double up to that bound, so after a warm-up <see cref="Add(double)"/>, <see cref="Merge"/>
/// and <see cref="Clear"/> never allocate. Not thread-safe: one owner at a time.
/// </para>
/// </remarks>
public sealed class DDSketch
{
    private const double MinIndexable = 2.2250738585072014E-308;
    private const byte SerialFormat = 1;
    private readonly double _gamma;
    private readonly double _inverseLogGamma;
    private readonly BucketStore _positive;
    private readonly BucketStore _negative;
    private long _zeroCount;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">The relative accuracy α, 0 &lt; α &lt; 1; default 0.01 (1 %).</param>
    /// <param name="maxBucketsPerStore">The most buckets each of the positive and negative stores keeps; at least 16.</param>
    public DDSketch(double relativeAccuracy = 0.01, int maxBucketsPerStore = 2048)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "The relative accuracy must be between 0 and 1 (exclusive).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxBucketsPerStore, 16);
        RelativeAccuracy = relativeAccuracy;
        MaxBucketsPerStore = maxBucketsPerStore;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _inverseLogGamma = 1 / Math.Log(_gamma);
        _positive = new BucketStore(maxBucketsPerStore);
        _negative = new BucketStore(maxBucketsPerStore);
        Clear();
    }

    /// <summary>The relative accuracy α the sketch guarantees.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>The most buckets each store keeps before collapsing its smallest magnitudes.</summary>
    public int MaxBucketsPerStore { get; }

    /// <summary>The number of values added (including through <see cref="Merge"/>).</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value added; +∞ when empty.</summary>
    public double Min { get; private set; }

    /// <summary>The largest value added; −∞ when empty.</summary>
    public double Max { get; private set; }

    /// <summary>Adds one value.</summary>
    /// <param name="value">The value; NaN and infinities are ignored (they have no rank a sketch could keep).</param>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (value >= MinIndexable)
        {
            _positive.Add(Key(value), 1);
        }
        else if (value <= -MinIndexable)
        {
            _negative.Add(Key(-value), 1);
        }
        else
        {
            _zeroCount++;
        }

        Count++;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds every value of <paramref name="other"/>, as if they had been added here.</summary>
    /// <param name="other">A sketch with the same <see cref="RelativeAccuracy"/>; it is not changed.</param>
    /// <exception cref="ArgumentException">The sketches have different relative accuracies.</exception>
    public void Merge(DDSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy)
        {
            throw new ArgumentException("Only sketches with the same relative accuracy can be merged.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        _positive.Merge(other._positive);
        _negative.Merge(other._negative);
        _zeroCount += other._zeroCount;
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>Empties the sketch, keeping its bucket arrays for reuse.</summary>
    public void Clear()
    {
        _positive.Clear();
        _negative.Clear();
        _zeroCount = 0;
        Count = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/>: within <see cref="RelativeAccuracy"/> of the value of rank
    /// ⌊q·(n − 1)⌋ among the n values added (0 is the smallest); NaN when empty.
    /// </summary>
    /// <param name="q">The quantile, 0 ≤ q ≤ 1.</param>
    /// <returns>The estimate, clamped to [<see cref="Min"/>, <see cref="Max"/>].</returns>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be between 0 and 1.");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        if (q == 0)
        {
            return Min;
        }

        if (q == 1)
        {
            return Max;
        }

        var rank = (long)(q * (Count - 1));
        double estimate;
        if (rank < _negative.Total)
        {
            estimate = -Value(_negative.KeyAtRank(_negative.Total - 1 - rank));
        }
        else if (rank < _negative.Total + _zeroCount)
        {
            estimate = 0;
        }
        else
        {
            estimate = Value(_positive.KeyAtRank(rank - _negative.Total - _zeroCount));
        }

        return Math.Clamp(estimate, Min, Max);
    }

    /// <summary>
    /// Writes the sketch in a compact binary form that <see cref="MergeFrom"/> reads back: a format byte, the
    /// zero count, the non-empty buckets of each store (key deltas and counts as variable-length integers), and
    /// the exact minimum and maximum.
    /// </summary>
    /// <param name="destination">Where to write; with a reused buffer writer nothing is allocated.</param>
    /// <returns>The bytes written.</returns>
    /// <remarks>The form does not carry <see cref="RelativeAccuracy"/>: read it into a sketch of the same accuracy.</remarks>
    public int WriteTo(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        // Format byte, zero count, two bucket counts, a key and a count per bucket, min and max.
        var positive = _positive.NonEmptyBuckets();
        var negative = _negative.NonEmptyBuckets();
        var bound = 1 + (3 * Varint.MaxLength) + ((positive + negative) * 2 * Varint.MaxLength) + 16;
        var span = destination.GetSpan(bound);
        span[0] = SerialFormat;
        var at = 1;
        at += Varint.Write(span[at..], (ulong)_zeroCount);
        at += _positive.WriteTo(span[at..], positive);
        at += _negative.WriteTo(span[at..], negative);
        if (Count > 0)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], Min);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], Max);
            at += 16;
        }

        destination.Advance(at);
        return at;
    }

    /// <summary>Adds every value of a sketch written by <see cref="WriteTo"/>, as <see cref="Merge"/> would.</summary>
    /// <param name="source">The bytes <see cref="WriteTo"/> wrote (exactly those).</param>
    /// <exception cref="FormatException">The bytes are not a sketch written by <see cref="WriteTo"/>; the sketch is unchanged.</exception>
    /// <remarks>The bytes are checked whole before anything is added. Nothing is allocated once the bucket arrays have grown.</remarks>
    public void MergeFrom(ReadOnlySpan<byte> source)
    {
        var (zeros, count, end) = Read(source, positive: null, negative: null);
        if (count == 0)
        {
            return;
        }

        Read(source, _positive, _negative);
        _zeroCount += zeros;
        Count += count;
        Min = Math.Min(Min, BinaryPrimitives.ReadDoubleLittleEndian(source[end..]));
        Max = Math.Max(Max, BinaryPrimitives.ReadDoubleLittleEndian(source[(end + 8)..]));
    }

    /// <summary>Parses a serialized sketch, adding its buckets to the stores given; returns its zero count, value count and where min/max start.</summary>
    private static (long Zeros, long Count, int End) Read(ReadOnlySpan<byte> source, BucketStore? positive, BucketStore? negative)
    {
        if (source.Length < 2 || source[0] != SerialFormat)
        {
            throw new FormatException("Not a serialized DDSketch (unknown format byte or too short).");
        }

        var at = 1;
        var zeros = ReadVarint(source, ref at);
        if (zeros > long.MaxValue)
        {
            throw new FormatException("A serialized DDSketch has a zero count out of range.");
        }

        var count = (long)zeros + BucketStore.MergeFrom(source, ref at, positive) + BucketStore.MergeFrom(source, ref at, negative);
        if (count == 0 ? at != source.Length : at + 16 != source.Length)
        {
            throw new FormatException("A serialized DDSketch has the wrong length.");
        }

        return ((long)zeros, count, at);
    }

    private int Key(double magnitude) => (int)Math.Ceiling(Ln(magnitude) * _inverseLogGamma);

    /// <summary>
    /// The natural logarithm of a positive normal <paramref name="x"/>, in managed code, within a few ulp. Math.Log
    /// calls the C library's log, which after JIT-compiled AVX-512 code (as in the bucket arrays' clearing) paid an
    /// AVX-to-SSE transition penalty of about 150 ns per call on the Xeons this was measured on; this costs ~5 ns.
    /// </summary>
    private static double Ln(double x)
    {
        // x = m · 2^e with m in [√½, √2); ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, so ten series terms suffice.
        const double Sqrt2 = 1.4142135623730951;
        const double Ln2 = 0.6931471805599453;
        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var series = s2 * ((1.0 / 3) + (s2 * ((1.0 / 5) + (s2 * ((1.0 / 7) + (s2 * ((1.0 / 9) + (s2 * ((1.0 / 11) + (s2 * ((1.0 / 13)
            + (s2 * ((1.0 / 15) + (s2 * ((1.0 / 17) + (s2 * (1.0 / 19)))))))))))))))));
        return (e * Ln2) + (2 * s) + (2 * s * series);
    }

    private double Value(int key) => 2 * Math.Pow(_gamma, key) / (_gamma + 1);

    private static ulong ReadVarint(ReadOnlySpan<byte> source, ref int at) =>
        Varint.TryRead(source, ref at, out var value) ? value : throw new FormatException("A serialized DDSketch is malformed: it ends inside a number or has one longer than 64 bits.");

    /// <summary>Counts per bucket key over a contiguous key range, growing to a bound and collapsing the lowest keys past it.</summary>
    private sealed class BucketStore(int maxBuckets)
    {
        private long[] _counts = new long[Math.Min(64, maxBuckets)];
        private int _offset;
        private int _minKey;
        private int _maxKey;

        public long Total { get; private set; }

        public void Clear()
        {
            if (Total > 0)
            {
                Array.Clear(_counts, _minKey - _offset, _maxKey - _minKey + 1);
            }

            Total = 0;
        }

        public void Add(int key, long count)
        {
            if (Total == 0)
            {
                _offset = key - (_counts.Length / 2);
                _minKey = key;
                _maxKey = key;
            }
            else if (key < _minKey || key > _maxKey)
            {
                key = Extend(key);
            }

            _counts[key - _offset] += count;
            Total += count;
        }

        public void Merge(BucketStore other)
        {
            if (other.Total == 0)
            {
                return;
            }

            for (var key = other._minKey; key <= other._maxKey; key++)
            {
                var count = other._counts[key - other._offset];
                if (count != 0)
                {
                    Add(key, count);
                }
            }
        }

        public int NonEmptyBuckets()
        {
            if (Total == 0)
            {
                return 0;
            }

            var n = 0;
            foreach (var count in _counts.AsSpan(_minKey - _offset, _maxKey - _minKey + 1))
            {
                n += count != 0 ? 1 : 0;
            }

            return n;
        }

        /// <summary>Writes the non-empty buckets: their number (<paramref name="nonEmpty"/>, from <see cref="NonEmptyBuckets"/>), then the first key (zig-zag) and count, then key deltas and counts.</summary>
        public int WriteTo(Span<byte> destination, int nonEmpty)
        {
            var at = Varint.Write(destination, (ulong)nonEmpty);
            var previous = 0;
            var first = true;
            for (var key = _minKey; Total > 0 && key <= _maxKey; key++)
            {
                var count = _counts[key - _offset];
                if (count == 0)
                {
                    continue;
                }

                at += Varint.Write(destination[at..], first ? (ulong)(((long)key << 1) ^ ((long)key >> 63)) : (ulong)(key - previous));
                at += Varint.Write(destination[at..], (ulong)count);
                previous = key;
                first = false;
            }

            return at;
        }

        /// <summary>Reads the buckets <see cref="WriteTo"/> wrote, adding them to <paramref name="into"/> when given; returns how many values they hold.</summary>
        public static long MergeFrom(ReadOnlySpan<byte> source, ref int at, BucketStore? into)
        {
            var buckets = ReadVarint(source, ref at);
            long total = 0;
            long key = 0;
            for (ulong i = 0; i < buckets; i++)
            {
                var raw = ReadVarint(source, ref at);
                key = i == 0 ? (long)(raw >> 1) ^ -(long)(raw & 1) : key + (long)raw;
                var count = (long)ReadVarint(source, ref at);
                if (key is < int.MinValue or > int.MaxValue || count <= 0)
                {
                    throw new FormatException("A serialized DDSketch has a bucket key out of range or an empty bucket.");
                }

                into?.Add((int)key, count);
                total += count;
            }

            return total;
        }

        public int KeyAtRank(long rank)
        {
            long seen = 0;
            for (var key = _minKey; key <= _maxKey; key++)
            {
                seen += _counts[key - _offset];
                if (seen > rank)
                {
                    return key;
                }
            }

            return _maxKey;
        }

        /// <summary>
        /// Makes room for <paramref name="key"/>, collapsing the lowest keys when the range would exceed the bound;
        /// returns the key to count it under (the lowest kept key when it falls below the range).
        /// </summary>
        private int Extend(int key)
        {
            var newMin = Math.Min(key, _minKey);
            var newMax = Math.Max(key, _maxKey);
            if ((long)newMax - newMin + 1 > maxBuckets)
            {
                newMin = newMax - maxBuckets + 1;
            }

            long collapsed = 0;
            for (var k = _minKey; k < newMin && k <= _maxKey; k++)
            {
                collapsed += _counts[k - _offset];
                _counts[k - _offset] = 0;
            }

            var keepMin = Math.Max(_minKey, newMin);
            var span = newMax - newMin + 1;
            if (span > _counts.Length || newMin < _offset || newMax >= _offset + _counts.Length)
            {
                Move(keepMin, newMin, span);
            }

            _minKey = newMin;
            _maxKey = newMax;
            _counts[newMin - _offset] += collapsed;
            return Math.Max(key, newMin);
        }

        /// <summary>Moves the kept keys [keepMin, maxKey] so that [newMin, newMin + span) fits, centred, growing if needed.</summary>
        private void Move(int keepMin, int newMin, int span)
        {
            var length = span > _counts.Length ? Math.Min(maxBuckets, Math.Max(span, _counts.Length * 2)) : _counts.Length;
            var target = length == _counts.Length ? _counts : new long[length];
            var newOffset = newMin - ((length - span) / 2);
            if (keepMin <= _maxKey)
            {
                var from = keepMin - _offset;
                var to = keepMin - newOffset;
                var count = _maxKey - keepMin + 1;
                Array.Copy(_counts, from, target, to, count);
                if (ReferenceEquals(target, _counts))
                {
                    Array.Clear(target, 0, to);
                    Array.Clear(target, to + count, length - to - count);
                }
            }

            _counts = target;
            _offset = newOffset;
        }
    }
}
