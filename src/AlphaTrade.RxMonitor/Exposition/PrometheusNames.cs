using System.Text;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>Converts <see cref="System.Diagnostics.Metrics"/> instrument and tag names to Prometheus names.</summary>
/// <remarks>
/// Follows the OpenTelemetry-to-Prometheus conventions: characters outside <c>[a-zA-Z0-9_:]</c> become
/// <c>_</c>; the unit is appended as a suffix in its base-unit word (<c>s</c> → <c>_seconds</c>, <c>By</c> →
/// <c>_bytes</c>, <c>1</c> → <c>_ratio</c>), annotations in braces such as <c>{sample}</c> add nothing; a
/// counter ends in <c>_total</c>. So <c>rxmonitor.ingest.samples.accepted</c> (<c>{sample}</c>, counter) is
/// <c>rxmonitor_ingest_samples_accepted_total</c> and <c>rxmonitor.ingest.handoff.lag</c> (<c>s</c>) is
/// <c>rxmonitor_ingest_handoff_lag_seconds</c>.
/// </remarks>
internal static class PrometheusNames
{
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string tagName)
    {
        var name = Sanitize(tagName, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit) || unit.StartsWith('{'))
        {
            return string.Empty;
        }

        return unit switch
        {
            "s" => "seconds",
            "By" => "bytes",
            "1" => "ratio",
            "%" => "percent",
            "Cel" => "celsius",
            "m" => "meters",
            "V" => "volts",
            "A" => "amperes",
            "J" => "joules",
            "g" => "grams",
            _ => Sanitize(unit, allowColon: false).Trim('_'),
        };
    }

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
