using System.Text;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>Splits CSV text into records of fields as RFC 4180 says, tracking the line each record starts on.</summary>
/// <remarks>
/// Fields are separated by commas; a field in double quotes may hold commas, line breaks and doubled quotes
/// (<c>""</c> is one quote). Records end at LF or CRLF. A quote inside an unquoted field, text after a closing
/// quote, and a quote left open at the end of the input are errors. The text is read in blocks into a reused
/// buffer, so the cost per character is a comparison and an append.
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[64 * 1024];
    private int _length;
    private int _position;
    private int _line = 1;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Reads the next record.</summary>
    /// <param name="fields">The fields (reused between calls).</param>
    /// <param name="line">The 1-based line the record starts on.</param>
    /// <param name="error">A syntax error in the record, or null; the record is then skipped.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public bool Read(List<string> fields, out int line, out string? error)
    {
        fields.Clear();
        error = null;
        line = _line;
        if (Peek() < 0)
        {
            return false;
        }

        _field.Clear();
        var quoted = false;
        var afterQuote = false;
        var fieldStart = true;
        while (true)
        {
            var next = Next();
            if (next < 0)
            {
                if (quoted)
                {
                    error ??= "a quoted field is not closed before the end of the file";
                }

                fields.Add(_field.ToString());
                return true;
            }

            var c = (char)next;
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        _position++;
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    afterQuote = false;
                    fieldStart = true;
                    continue;
                case '\r' when Peek() == '\n':
                    continue;
                case '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return true;
                case '"' when fieldStart:
                    quoted = true;
                    fieldStart = false;
                    continue;
                case '"':
                    error ??= $"field {fields.Count + 1} has a quote inside an unquoted value; quote the whole field and double the quotes inside (\"\")";
                    break;
                default:
                    if (afterQuote)
                    {
                        error ??= $"field {fields.Count + 1} has text after its closing quote";
                    }

                    break;
            }

            fieldStart = false;
            _field.Append(c);
        }
    }

    private int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

    private int Next() => _position < _length || Fill() ? _buffer[_position++] : -1;

    private bool Fill()
    {
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
