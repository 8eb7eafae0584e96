using System.Text;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>Normalizes SQL text into a statement shape: literals become <c>?</c>, so calls group per statement.</summary>
/// <remarks>
/// String literals (<c>'…'</c> with <c>''</c> escapes, <c>X'…'</c> blobs), numbers (not inside identifiers)
/// and parameter lists <c>IN (?, ?, ?)</c> collapse to <c>?</c> / <c>IN (?)</c>; comments are removed;
/// whitespace runs become one space; quoted identifiers and parameter names (<c>@id</c>, <c>$1</c>, <c>:name</c>)
/// are kept. The result is cut to <see cref="MaxLength"/> characters. Thread-safe (pure).
/// </remarks>
public static class SqlNormalizer
{
    /// <summary>The longest normalized text kept (longer statements are cut and end in <c>…</c>).</summary>
    public const int MaxLength = 200;

    /// <summary>Normalizes <paramref name="sql"/>.</summary>
    /// <param name="sql">The command text.</param>
    /// <returns>The statement shape, e.g. <c>SELECT * FROM orders WHERE id = ? AND venue IN (?)</c>.</returns>
    public static string Normalize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var text = new StringBuilder(Math.Min(sql.Length, 256));
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                AppendSpace(text);
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                AppendSpace(text);
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                AppendSpace(text);
            }
            else if (c == '\'' || ((c is 'x' or 'X') && At(sql, i + 1) == '\'' && !IsWordChar(At(sql, i - 1))))
            {
                i = SkipQuoted(sql, c == '\'' ? i : i + 1, '\'');
                text.Append('?');
            }
            else if (c is '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = SkipQuoted(sql, i, close);
                text.Append(sql, i, end - i);
                i = end;
            }
            else if (char.IsAsciiDigit(c) && !IsWordChar(At(sql, i - 1)))
            {
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                text.Append('?');
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        var normalized = CollapseLists(text.ToString().Trim());
        return normalized.Length <= MaxLength ? normalized : string.Concat(normalized.AsSpan(0, MaxLength - 1), "…");
    }

    private static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '$' or ':' or '?';

    private static int SkipQuoted(string sql, int open, char close)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                if (At(sql, i + 1) == close && close != ']')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static void AppendSpace(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != ' ')
        {
            text.Append(' ');
        }
    }

    private static string CollapseLists(string text)
    {
        // "(?, ?, ?)" and "(?,?)" → "(?)": the number of values is not part of the statement's shape.
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '(')
            {
                var j = i + 1;
                var values = 0;
                while (true)
                {
                    while (j < text.Length && text[j] == ' ')
                    {
                        j++;
                    }

                    if (j >= text.Length || text[j] != '?')
                    {
                        break;
                    }

                    values++;
                    j++;
                    while (j < text.Length && text[j] == ' ')
                    {
                        j++;
                    }

                    if (j < text.Length && text[j] == ',')
                    {
                        j++;
                        continue;
                    }

                    break;
                }

                if (values > 0 && j < text.Length && text[j] == ')')
                {
                    result.Append("(?)");
                    i = j + 1;
                    continue;
                }
            }

            result.Append(text[i]);
            i++;
        }

        return result.ToString();
    }
}
