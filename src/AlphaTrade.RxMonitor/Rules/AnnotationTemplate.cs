using System.Diagnostics.CodeAnalysis;
using System.Text;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// An annotation template in the subset of Prometheus's Go-template syntax that alert annotations use:
/// literal text with <c>{{ $value }}</c>, <c>{{ $labels.name }}</c> and <c>{{ $detail }}</c>
/// (also <c>{{ .Value }}</c>, <c>{{ .Labels.name }}</c>).
/// </summary>
/// <remarks>
/// Values print as Prometheus prints them (<see cref="PrometheusValueFormat"/>); a label the series does not
/// have prints <c>&lt;no value&gt;</c>, as Go templates do. <c>$labels</c> are the series' (or group's) labels,
/// with <c>__name__</c> for the metric name — not the rule's labels, as in Prometheus. Parsed once; rendering
/// happens only on alert transitions. Immutable and thread-safe.
/// </remarks>
public sealed class AnnotationTemplate
{
    private readonly Part[] _parts;

    private AnnotationTemplate(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    private enum PartKind
    {
        Literal,
        Value,
        Detail,
        Label,
    }

    /// <summary>The template text.</summary>
    public string Text { get; }

    /// <summary>Parses a template.</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The template.</returns>
    /// <exception cref="FormatException">The text has an unclosed <c>{{</c> or an unsupported expression; the message gives the 1-based column.</exception>
    public static AnnotationTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var template, out var error) ? template : throw new FormatException(error);
    }

    /// <summary>Parses a template, reporting failure instead of throwing.</summary>
    /// <param name="text">The template text.</param>
    /// <param name="template">The template, when valid.</param>
    /// <param name="error">When invalid, what is wrong and at which 1-based column.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out AnnotationTemplate? template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<Part>();
        var position = 0;
        template = null;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new Part(PartKind.Literal, text[position..]));
                break;
            }

            if (open > position)
            {
                parts.Add(new Part(PartKind.Literal, text[position..open]));
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"column {open + 1}: '{{{{' is not closed by '}}}}'.";
                return false;
            }

            var expression = text[(open + 2)..close].Trim();
            if (!TryParseExpression(expression, out var part))
            {
                error = $"column {open + 1}: unsupported expression '{{{{ {expression} }}}}'; use $value, $detail, $labels.<name>, .Value or .Labels.<name>.";
                return false;
            }

            parts.Add(part);
            position = close + 2;
        }

        error = null;
        template = new AnnotationTemplate(text, [.. parts]);
        return true;
    }

    /// <summary>Renders the template.</summary>
    /// <param name="series">The series or group whose labels <c>$labels</c> reads.</param>
    /// <param name="value">The value for <c>$value</c>.</param>
    /// <param name="detail">The value for <c>$detail</c>.</param>
    /// <returns>The text.</returns>
    public string Render(SeriesKey? series, double value, double detail)
    {
        if (_parts.Length == 1 && _parts[0].Kind == PartKind.Literal)
        {
            return _parts[0].Text;
        }

        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            _ = part.Kind switch
            {
                PartKind.Literal => text.Append(part.Text),
                PartKind.Value => text.Append(PrometheusValueFormat.Format(value)),
                PartKind.Detail => text.Append(PrometheusValueFormat.Format(detail)),
                _ => text.Append(series?.GetLabel(part.Text) ?? "<no value>"),
            };
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool TryParseExpression(string expression, out Part part)
    {
        part = default;
        switch (expression)
        {
            case "$value" or ".Value":
                part = new Part(PartKind.Value, string.Empty);
                return true;
            case "$detail":
                part = new Part(PartKind.Detail, string.Empty);
                return true;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["$labels.", ".Labels."])
        {
            if (expression.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = expression[prefix.Length..];
                if (name == MetricNames.NameLabel || MetricNames.IsValidLabelName(name))
                {
                    part = new Part(PartKind.Label, name);
                    return true;
                }
            }
        }

        return false;
    }

    private readonly record struct Part(PartKind Kind, string Text);
}
