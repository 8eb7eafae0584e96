using System.Globalization;

namespace AlphaTrade.RxMonitor.Nab;

/// <summary>One NAB data file: its rows as written (timestamp and value text) and as parsed.</summary>
internal sealed class NabSeries
{
    private NabSeries(string category, string fileName, string[] timestamps, string[] valueTexts, long[] ticks, double[] values)
    {
        Category = category;
        FileName = fileName;
        Timestamps = timestamps;
        ValueTexts = valueTexts;
        Ticks = ticks;
        Values = values;
    }

    /// <summary>The category (the data file's folder).</summary>
    public string Category { get; }

    /// <summary>The data file's name, e.g. <c>nyc_taxi.csv</c>.</summary>
    public string FileName { get; }

    /// <summary>The timestamps as written.</summary>
    public string[] Timestamps { get; }

    /// <summary>The values as written.</summary>
    public string[] ValueTexts { get; }

    /// <summary>The timestamps in UTC ticks.</summary>
    public long[] Ticks { get; }

    /// <summary>The values.</summary>
    public double[] Values { get; }

    /// <summary>Rows (data lines) in the file.</summary>
    public int Count => Values.Length;

    /// <summary>NAB's probationary period: min(15 % of the rows, 750), the only per-file figure a detector is given.</summary>
    public int ProbationaryLength => (int)Math.Min(Math.Floor(0.15 * Count), 750);

    /// <summary>Reads <c>timestamp,value</c> rows.</summary>
    /// <param name="path">The file.</param>
    /// <param name="category">Its category.</param>
    /// <returns>The series.</returns>
    /// <exception cref="FormatException">A row is not <c>timestamp,value</c>; the message names the file and line.</exception>
    public static NabSeries Read(string path, string category)
    {
        var lines = File.ReadAllLines(path);
        var timestamps = new List<string>(lines.Length);
        var valueTexts = new List<string>(lines.Length);
        var ticks = new List<long>(lines.Length);
        var values = new List<double>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !DateTime.TryParse(line[..comma], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                || !double.TryParse(line[(comma + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"{path}:{i + 1}: expected 'timestamp,value', found '{line}'");
            }

            timestamps.Add(line[..comma]);
            valueTexts.Add(line[(comma + 1)..]);
            ticks.Add(time.Ticks);
            values.Add(value);
        }

        return new NabSeries(category, Path.GetFileName(path), [.. timestamps], [.. valueTexts], [.. ticks], [.. values]);
    }
}
