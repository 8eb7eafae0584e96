using System.Buffers.Text;

namespace AlphaTrade.RxMonitor.Sources.Parsing;

/// <summary>Splits ASCII text into whitespace-separated tokens and parses numbers, without allocating.</summary>
internal ref struct SpanTokenizer
{
    private ReadOnlySpan<byte> _rest;

    public SpanTokenizer(ReadOnlySpan<byte> text) => _rest = text;

    /// <summary>Splits off the next line (without its newline) from <paramref name="text"/>.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> line)
    {
        if (text.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = text.IndexOf((byte)'\n');
        if (end < 0)
        {
            line = text;
            text = default;
        }
        else
        {
            line = text[..end];
            text = text[(end + 1)..];
        }

        return true;
    }

    public bool Next(out ReadOnlySpan<byte> token)
    {
        _rest = _rest.TrimStart(" \t\r\n"u8);
        if (_rest.IsEmpty)
        {
            token = default;
            return false;
        }

        var end = _rest.IndexOfAny(" \t\r\n"u8);
        if (end < 0)
        {
            token = _rest;
            _rest = default;
        }
        else
        {
            token = _rest[..end];
            _rest = _rest[end..];
        }

        return true;
    }

    public bool NextUInt64(out ulong value)
    {
        value = 0;
        return Next(out var token) && Utf8Parser.TryParse(token, out value, out var used) && used == token.Length;
    }

    public bool NextDouble(out double value)
    {
        value = 0;
        return Next(out var token) && Utf8Parser.TryParse(token, out value, out var used) && used == token.Length;
    }

    /// <summary>The next unsigned integer or a <see cref="FormatException"/> naming the file and the field.</summary>
    public ulong RequireUInt64(string path, string field)
    {
        if (!NextUInt64(out var value))
        {
            throw new FormatException($"{path}: expected an unsigned integer for {field}.");
        }

        return value;
    }
}
