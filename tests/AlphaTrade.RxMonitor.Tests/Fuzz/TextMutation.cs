using CsCheck;

namespace AlphaTrade.RxMonitor.Tests.Fuzz;

/// <summary>Random edits of a valid text (insert, delete, replace, truncate), so inputs stay close to what parsers accept.</summary>
internal static class TextMutation
{
    private const string Noise = "{}[]\",:=~!'\\ \t\r\n0123456789.-+eEaZ_\u00ef\u00bb\u00bf\u0000nullNaNtrue";

    /// <summary>One to five edits of <paramref name="valid"/>.</summary>
    public static Gen<string> Of(string valid) =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100_000], Gen.String[Gen.Char[Noise], 0, 12])
            .Array[1, 5]
            .Select(edits => Apply(valid, edits));

    private static string Apply(string text, (int Kind, int Position, string Insert)[] edits)
    {
        foreach (var (kind, position, insert) in edits)
        {
            var at = text.Length == 0 ? 0 : position % (text.Length + 1);
            text = kind switch
            {
                0 => text.Insert(at, insert),
                1 => text.Remove(at, Math.Min(insert.Length + 1, text.Length - at)),
                2 => text.Remove(at, Math.Min(insert.Length, text.Length - at)).Insert(at, insert),
                _ => text[..at],
            };
        }

        return text;
    }
}
