using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>Reads recorded samples from CSV: the header <c>timestamp,series,value</c>, then one sample per record.</summary>
/// <remarks>
/// <para>
/// <c>timestamp</c> is unix seconds (decimals allowed, e.g. <c>1767225600.250</c>) or an RFC 3339 time with an
/// offset (<c>2026-01-01T00:02:00Z</c>); <c>series</c> is a series literal, <c>name</c> or
/// <c>name{label="v",…}</c> (quote the field, doubling its quotes, when it holds commas or quotes, as RFC 4180
/// says); <c>value</c> is a number, or <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> in any case, as Prometheus reads them
/// (the pipeline's input hygiene counts and drops those). Fields are taken as written: a field with spaces around
/// it (<c> 95</c>) is a problem, not trimmed. Blank lines are skipped.
/// </para>
/// <para>
/// The samples are returned in time order (stable for equal times, so the file order breaks ties); each series
/// has one <see cref="SeriesKey"/> instance. Every problem is collected and reported at once in a
/// <see cref="SampleFileException"/> naming the file and line; two samples of one series at one time are a
/// problem. The whole file is held in memory: this reader serves replay and back-testing, not live ingest.
/// </para>
/// </remarks>
public static class CsvSampleFile
{
    /// <summary>The header the file must start with.</summary>
    public const string Header = "timestamp,series,value";

    private const int MaxProblems = 100;

    /// <summary>Reads the samples file at <paramref name="path"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The samples in time order.</returns>
    /// <exception cref="SampleFileException">The file cannot be read or holds invalid records.</exception>
    public static IReadOnlyList<MetricSample> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new SampleFileException(path, [new SampleFileProblem(null, "is a directory, not a samples file")]);
        }

        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new SampleFileException(path, [new SampleFileProblem(null, $"cannot read the file: {e.Message}")]);
        }
    }

    /// <summary>Reads samples from CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <returns>The samples in time order.</returns>
    /// <exception cref="SampleFileException">The text holds invalid records.</exception>
    public static IReadOnlyList<MetricSample> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var problems = new List<SampleFileProblem>();
        var records = new CsvRecordReader(reader);
        var fields = new List<string>(3);
        if (!records.Read(fields, out _, out var headerError) || headerError is not null ||
            !string.Equals(string.Join(',', fields.Select(static f => f.Trim())).TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new SampleFileException(fileName, [new SampleFileProblem(1, $"the first line must be the header '{Header}'")]);
        }

        var keys = new Dictionary<string, SeriesKey>(StringComparer.Ordinal);
        var canonical = new Dictionary<SeriesKey, SeriesKey>();
        var samples = new List<(MetricSample Sample, int Line)>();
        var omitted = 0;
        while (records.Read(fields, out var line, out var error))
        {
            if (fields.Count == 1 && fields[0].Trim().Length == 0 && error is null)
            {
                continue;
            }

            var before = problems.Count;
            if (error is not null)
            {
                problems.Add(new SampleFileProblem(line, error));
            }
            else if (fields.Count != 3)
            {
                problems.Add(new SampleFileProblem(line, $"expected 3 fields (timestamp,series,value), found {fields.Count}"));
            }
            else
            {
                var timestamp = AsWritten("timestamp", fields[0], line, problems) is { } t ? ParseTimestamp(t, line, problems) : null;
                var key = AsWritten("series", fields[1], line, problems) is { } k ? ParseSeries(k, line, problems, keys, canonical) : null;
                var value = AsWritten("value", fields[2], line, problems) is { } v ? ParseValue(v, line, problems) : null;
                if (problems.Count == before)
                {
                    samples.Add((new MetricSample(key!, timestamp!.Value, value!.Value), line));
                }
            }

            if (problems.Count > MaxProblems)
            {
                omitted += problems.Count - MaxProblems;
                problems.RemoveRange(MaxProblems, problems.Count - MaxProblems);
            }
        }

        var ordered = IsSorted(samples) ? samples : [.. samples.OrderBy(static s => s.Sample.TimestampTicks)];
        CheckDuplicates(ordered, problems);
        if (problems.Count > 0)
        {
            problems.Sort(static (a, b) => (a.Line ?? int.MaxValue).CompareTo(b.Line ?? int.MaxValue));
            if (omitted > 0)
            {
                problems.Add(new SampleFileProblem(null, $"and {omitted} more problems"));
            }

            throw new SampleFileException(fileName, problems);
        }

        return [.. ordered.Select(static s => s.Sample)];
    }

    // Fields are taken as written, as Prometheus takes a sample value: " 95" is not a number, whichever field it is in.
    private static string? AsWritten(string field, string text, int line, List<SampleFileProblem> problems)
    {
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            problems.Add(new SampleFileProblem(line, $"{field} '{text}' has spaces around it (write '{text.Trim()}')"));
            return null;
        }

        return text;
    }

    private static long? ParseTimestamp(string text, int line, List<SampleFileProblem> problems)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            var ticks = (seconds * TimeSpan.TicksPerSecond) + DateTimeOffset.UnixEpoch.UtcTicks;
            if (ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return decimal.ToInt64(decimal.Round(ticks));
            }
        }
        else if (TryParseRfc3339(text, out var time))
        {
            return time.UtcTicks;
        }

        problems.Add(new SampleFileProblem(line, $"timestamp '{text}' is neither unix seconds (e.g. 1767225600.5) nor an RFC 3339 time (e.g. 2026-01-01T00:02:00Z)"));
        return null;
    }

    private static bool TryParseRfc3339(string text, out DateTimeOffset time)
    {
        time = default;
        var upper = text.ToUpperInvariant();
        var hasOffset = upper.EndsWith('Z') || (upper.Length > 6 && upper[^3] == ':' && upper[^6] is '+' or '-');
        return hasOffset && DateTimeOffset.TryParseExact(
            upper.Replace(' ', 'T'),
            ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out time);
    }

    private static SeriesKey? ParseSeries(string text, int line, List<SampleFileProblem> problems, Dictionary<string, SeriesKey> keys, Dictionary<SeriesKey, SeriesKey> canonical)
    {
        if (keys.TryGetValue(text, out var known))
        {
            return known;
        }

        if (!SeriesKey.TryParse(text, out var key, out var error))
        {
            problems.Add(new SampleFileProblem(line, $"series: {error.Message}"));
            return null;
        }

        if (!canonical.TryGetValue(key, out var existing))
        {
            canonical.Add(key, key);
            existing = key;
        }

        keys.Add(text, existing);
        return existing;
    }

    private static double? ParseValue(string text, int line, List<SampleFileProblem> problems)
    {
        // As Prometheus reads a sample value (Go's ParseFloat): NaN and infinities in any case.
        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        var unsigned = text.TrimStart('+', '-');
        if (unsigned.Length >= text.Length - 1 && (unsigned.Equals("Inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("Infinity", StringComparison.OrdinalIgnoreCase)))
        {
            return text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            if (double.IsFinite(value))
            {
                return value;
            }

            problems.Add(new SampleFileProblem(line, $"value '{text}' is out of range (numbers go up to about ±1.8e308; write +Inf or -Inf for infinity)"));
            return null;
        }

        problems.Add(new SampleFileProblem(line, $"value '{text}' is not a number (use a decimal number, NaN, +Inf or -Inf)"));
        return null;
    }

    private static bool IsSorted(List<(MetricSample Sample, int Line)> samples)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Sample.TimestampTicks < samples[i - 1].Sample.TimestampTicks)
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckDuplicates(List<(MetricSample Sample, int Line)> ordered, List<SampleFileProblem> problems)
    {
        var lastLine = new Dictionary<SeriesKey, (long Ticks, int Line)>();
        foreach (var (sample, line) in ordered)
        {
            if (lastLine.TryGetValue(sample.Key, out var previous) && previous.Ticks == sample.TimestampTicks)
            {
                problems.Add(new SampleFileProblem(line, $"series {sample.Key} already has a sample at {sample.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)} (line {previous.Line})"));
            }

            lastLine[sample.Key] = (sample.TimestampTicks, line);
        }
    }
}
