namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>
/// Text shown to the user on one line: a control character (a newline or tab in a key or value the user typed) is
/// spelt as its JSON escape (<c>\n</c>, <c>\t</c>, <c>\u0001</c>), so a problem never breaks across lines.
/// </summary>
internal static class PrintableText
{
    /// <summary>The text with its control characters escaped; the text itself when it has none.</summary>
    public static string Of(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var printable = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => printable.Append("\\n"),
                '\r' => printable.Append("\\r"),
                '\t' => printable.Append("\\t"),
                _ when char.IsControl(c) => printable.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => printable.Append(c),
            };
        }

        return printable.ToString();
    }
}
