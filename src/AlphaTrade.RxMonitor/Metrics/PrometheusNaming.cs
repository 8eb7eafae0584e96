using System.Globalization;
using System.Text;

namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>
/// Converts OpenTelemetry-style (<see cref="System.Diagnostics.Metrics"/>) instrument names, units and tags into
/// Prometheus metric and label names, following the OpenTelemetry → Prometheus conventions: characters outside
/// <c>[a-zA-Z0-9_:]</c> become <c>_</c>, the unit is appended as a suffix in its base-unit word, counters end in
/// <c>_total</c>.
/// </summary>
/// <remarks>
/// The one converter used both by the meter bridge (<c>Sources/Meters</c>) and by the exposition of our own
/// meter (<c>Exposition</c>), so a series has the same name on both paths. Units: <c>s</c> → <c>seconds</c>,
/// <c>ms</c>/<c>us</c>/<c>ns</c> → <c>milliseconds</c>/<c>microseconds</c>/<c>nanoseconds</c>, <c>By</c>/<c>KiBy</c>/<c>MiBy</c> →
/// <c>bytes</c>/<c>kibibytes</c>/<c>mebibytes</c>, <c>%</c> → <c>percent</c>, <c>Cel</c>, <c>m</c>, <c>V</c>, <c>A</c>,
/// <c>J</c>, <c>g</c> → <c>celsius</c>, <c>meters</c>, <c>volts</c>, <c>amperes</c>, <c>joules</c>, <c>grams</c>;
/// the dimensionless <c>1</c> and annotations in braces such as <c>{sample}</c> add nothing; any other unit is sanitized and appended. So
/// <c>rxmonitor.ingest.samples.accepted</c> (<c>{sample}</c>, counter) is <c>rxmonitor_ingest_samples_accepted_total</c>.
/// Thread-safe; allocates the returned strings (call once per instrument or tag, not per measurement).
/// </remarks>
public static class PrometheusNaming
{
    /// <summary>The metric name for an instrument.</summary>
    /// <param name="instrumentName">E.g. <c>dotnet.gc.pause.time</c>.</param>
    /// <param name="unit">E.g. <c>s</c>, <c>By</c>, <c>{collection}</c>; may be null.</param>
    /// <param name="isCounter">Whether the instrument is monotonic (adds <c>_total</c>).</param>
    /// <returns>E.g. <c>dotnet_gc_pause_time_seconds_total</c>.</returns>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
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

    /// <summary>A valid label name for a tag key: characters outside <c>[a-zA-Z0-9_]</c> become <c>_</c>.</summary>
    /// <param name="tagKey">E.g. <c>gc.heap.generation</c>.</param>
    /// <returns>E.g. <c>gc_heap_generation</c>.</returns>
    public static string LabelName(string tagKey)
    {
        ArgumentNullException.ThrowIfNull(tagKey);
        var name = Sanitize(tagKey, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    /// <summary>The label value for a tag value (invariant culture; null is the empty value, i.e. no label).</summary>
    /// <param name="value">The tag value.</param>
    /// <returns>The text.</returns>
    public static string LabelValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => string.Empty,
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        "Cel" => "celsius",
        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "g" => "grams",
        _ when unit.StartsWith('{') => string.Empty,
        _ => Sanitize(unit, allowColon: false).Trim('_'),
    };

    private static string Sanitize(string text, bool allowColon)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
