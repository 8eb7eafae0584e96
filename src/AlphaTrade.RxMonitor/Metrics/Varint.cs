using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// Unsigned LEB128 variable-length integers (7 bits per byte, high bit set on every byte but the last): the
/// number encoding of <see cref="DDSketch"/>'s binary form and of the SQLite store's roll-up segments.
/// </summary>
internal static class Varint
{
    /// <summary>The most bytes one value takes.</summary>
    public const int MaxLength = 10;

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes, or as many as the value needs.</param>
    /// <param name="value">The value.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads one value at <paramref name="at"/> and moves <paramref name="at"/> past it.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="at">Where the value starts; on success, just after it.</param>
    /// <param name="value">The value read.</param>
    /// <returns>
    /// <see langword="false"/> when <paramref name="source"/> ends inside the value or the value is longer than 64
    /// bits; the caller reports the malformed input in its own terms.
    /// </returns>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= source.Length)
            {
                return false;
            }

            var b = source[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
