using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>Prometheus naming rules for metric and label names, and label-value escaping.</summary>
public static class MetricNames
{
    /// <summary>The reserved label that holds a series' metric name in selectors.</summary>
    public const string NameLabel = "__name__";

    /// <summary>Whether <paramref name="name"/> matches <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    /// <param name="name">The candidate metric name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidMetricName(string? name) => IsValid(name, allowColon: true);

    /// <summary>Whether <paramref name="name"/> matches <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    /// <param name="name">The candidate label name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidLabelName(string? name) => IsValid(name, allowColon: false);

    /// <summary>Appends <paramref name="value"/> escaped for a double-quoted label value (<c>\\</c>, <c>\"</c>, <c>\n</c>).</summary>
    /// <param name="text">The builder to append to.</param>
    /// <param name="value">The raw label value.</param>
    public static void AppendEscaped(StringBuilder text, string value)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    private static bool IsValid(string? name, bool allowColon)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
