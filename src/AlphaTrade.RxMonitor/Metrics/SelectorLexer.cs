using System.Globalization;
using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>Reads the tokens of a series selector or series literal: names, operators and quoted strings.</summary>
/// <remarks>Positions are 0-based internally; errors report 1-based columns.</remarks>
internal sealed class SelectorLexer
{
    private readonly string _text;
    private readonly string _kind;

    public SelectorLexer(string text, string kind)
    {
        _text = text;
        _kind = kind;
    }

    public int Position { get; private set; }

    public bool AtEnd => Position >= _text.Length;

    public char Current => _text[Position];

    public bool Peek(char c) => Position < _text.Length && _text[Position] == c;

    public bool Peek(char c, char next) =>
        Position + 1 < _text.Length && _text[Position] == c && _text[Position + 1] == next;

    public void Advance(int count = 1) => Position += count;

    public void SkipWhitespace()
    {
        while (Position < _text.Length && _text[Position] is ' ' or '\t' or '\n' or '\r')
        {
            Position++;
        }
    }

    /// <summary>Reads a metric name (colons allowed) or a label name; <see langword="null"/> when none starts here.</summary>
    public string? ReadName(bool allowColon)
    {
        var start = Position;
        while (Position < _text.Length)
        {
            var c = _text[Position];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') ||
                (Position > start && char.IsAsciiDigit(c));
            if (!ok)
            {
                break;
            }

            Position++;
        }

        return Position > start ? _text[start..Position] : null;
    }

    /// <summary>
    /// Reads a quoted string. PromQL strings (<paramref name="promql"/>) may use double quotes, single quotes or
    /// backticks (raw) and Go escapes; series literals use double quotes and the escapes <c>\\ \" \n</c> only.
    /// </summary>
    public string ReadString(bool promql)
    {
        var open = Position;
        var quote = AtEnd ? '\0' : Current;
        var isQuote = quote == '"' || (promql && (quote == '\'' || quote == '`'));
        if (!isQuote)
        {
            throw Error(Position, "expected a quoted label value, found " + Describe(Position));
        }

        Position++;
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd || (quote != '`' && Current == '\n'))
            {
                throw Error(open, "unterminated string (missing closing " + quote + ")");
            }

            var c = Current;
            if (c == quote)
            {
                Position++;
                return value.ToString();
            }

            if (c == '\\' && quote != '`')
            {
                ReadEscape(value, quote, promql);
                continue;
            }

            value.Append(c);
            Position++;
        }
    }

    public string Describe(int position) =>
        position >= _text.Length ? "end of input" : "'" + _text[position] + "'";

    public SelectorParseException Error(int position, string reason, Exception? inner = null) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Invalid {_kind} '{_text}' at column {position + 1}: {reason}."),
            position + 1,
            reason,
            inner);

    private void ReadEscape(StringBuilder value, char quote, bool promql)
    {
        var start = Position;
        Position++;
        if (AtEnd)
        {
            throw Error(start, "unterminated escape sequence");
        }

        var c = Current;
        Position++;
        if (c == quote || c == '\\')
        {
            value.Append(c);
            return;
        }

        if (c == 'n')
        {
            value.Append('\n');
            return;
        }

        if (!promql)
        {
            throw Error(start, $"unknown escape sequence '\\{c}' (a series literal allows \\\\, \\\" and \\n)");
        }

        switch (c)
        {
            case 'a':
                value.Append('\a');
                return;
            case 'b':
                value.Append('\b');
                return;
            case 'f':
                value.Append('\f');
                return;
            case 'r':
                value.Append('\r');
                return;
            case 't':
                value.Append('\t');
                return;
            case 'v':
                value.Append('\v');
                return;
            case 'x':
                AppendCodePoint(value, start, ReadDigits(start, 2, 16));
                return;
            case 'u':
                AppendCodePoint(value, start, ReadDigits(start, 4, 16));
                return;
            case 'U':
                AppendCodePoint(value, start, ReadDigits(start, 8, 16));
                return;
            case >= '0' and <= '7':
                Position--;
                AppendCodePoint(value, start, ReadDigits(start, 3, 8));
                return;
            default:
                throw Error(start, $"unknown escape sequence '\\{c}'");
        }
    }

    private int ReadDigits(int escapeStart, int count, int radix)
    {
        var result = 0;
        for (var i = 0; i < count; i++)
        {
            var digit = AtEnd ? -1 : DigitValue(Current, radix);
            if (digit < 0)
            {
                throw Error(escapeStart, $"escape sequence needs {count} base-{radix} digits");
            }

            result = (result * radix) + digit;
            Position++;
        }

        return result;
    }

    private void AppendCodePoint(StringBuilder value, int escapeStart, int codePoint)
    {
        if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        {
            throw Error(escapeStart, "escape sequence is an invalid Unicode code point");
        }

        value.Append(char.ConvertFromUtf32(codePoint));
    }

    private static int DigitValue(char c, int radix)
    {
        var digit = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return digit < radix ? digit : -1;
    }
}
