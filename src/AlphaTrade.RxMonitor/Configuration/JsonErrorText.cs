using System.Text;
using System.Text.Json;

namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>Words a JSON syntax error for a user: <c>line 3, column 14: not valid JSON: ',' is an invalid start of a value.</c></summary>
/// <remarks>
/// Lines and columns count from 1; the column counts characters (the parser counts bytes, which differ after a
/// non-ASCII character). The parser's own position suffix (<c>LineNumber: 2 | BytePositionInLine: 13.</c>) is
/// left out, so the position is said once.
/// </remarks>
public static class JsonErrorText
{
    /// <summary>The position and reason of <paramref name="error"/>, raised while parsing <paramref name="text"/>.</summary>
    /// <param name="error">The parser's exception.</param>
    /// <param name="text">The JSON text that was parsed (to count the column in characters).</param>
    /// <returns>The message, without a file name.</returns>
    public static string Describe(JsonException error, string text)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(text);
        var reason = Reason(error.Message);
        if (error.LineNumber is not { } line)
        {
            return $"not valid JSON: {reason}";
        }

        var column = Column(text, (int)line, (int)(error.BytePositionInLine ?? 0));
        return $"line {line + 1}, column {column}: not valid JSON: {reason}";
    }

    private static string Reason(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (end < 0)
        {
            end = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        // The parser quotes the rest of a bad literal's line, line break included.
        return (end < 0 ? message : message[..end]).ReplaceLineEndings(string.Empty).Trim();
    }

    private static int Column(string text, int line, int bytePosition)
    {
        var lines = text.Split('\n');
        if (line >= lines.Length)
        {
            return bytePosition + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length)) + 1;
    }
}
