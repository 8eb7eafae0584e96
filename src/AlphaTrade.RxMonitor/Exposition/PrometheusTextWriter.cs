using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>Writes metric families in the Prometheus text exposition format, version 0.0.4.</summary>
/// <remarks>
/// Families are written in ordinal name order and their samples in label order, so the same state always
/// gives the same text. Every family has its <c># HELP</c> and <c># TYPE</c> lines; help text escapes
/// <c>\</c> and new lines, label values also escape <c>"</c>. Timestamps are milliseconds since the Unix epoch.
/// </remarks>
internal static class PrometheusTextWriter
{
    public static void Write(StringBuilder text, IEnumerable<MetricFamily> families)
    {
        foreach (var family in families.OrderBy(static f => f.Name, StringComparer.Ordinal))
        {
            if (family.Samples.Count == 0)
            {
                continue;
            }

            text.Append("# HELP ").Append(family.Name).Append(' ');
            AppendHelp(text, family.Help);
            text.Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
            family.Samples.Sort(static (a, b) => Compare(a.Labels, b.Labels));
            foreach (var sample in family.Samples)
            {
                text.Append(family.Name);
                if (sample.Labels.Count > 0)
                {
                    // The label set caches its escaped text, so a series is escaped once, not at every scrape.
                    text.Append(sample.Labels.ToString());
                }

                text.Append(' ');
                AppendValue(text, sample.Value);
                if (sample.TimestampTicks is { } ticks)
                {
                    text.Append(' ').Append(((ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture));
                }

                text.Append('\n');
            }
        }
    }

    internal static int Compare(LabelSet a, LabelSet b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(a[i].Name, b[i].Name);
            if (c == 0)
            {
                c = string.CompareOrdinal(a[i].Value, b[i].Value);
            }

            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static string TypeName(PrometheusMetricType type) => type switch
    {
        PrometheusMetricType.Counter => "counter",
        PrometheusMetricType.Gauge => "gauge",
        _ => "untyped",
    };

    private static void AppendHelp(StringBuilder text, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    private static void AppendValue(StringBuilder text, double value)
    {
        if (double.IsNaN(value))
        {
            text.Append("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            text.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            text.Append("-Inf");
        }
        else
        {
            text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
