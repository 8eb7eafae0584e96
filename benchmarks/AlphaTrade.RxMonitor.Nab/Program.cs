using System.Globalization;
using AlphaTrade.RxMonitor.Nab;

// rxmon's NAB runner: dotnet run -c Release --project benchmarks/AlphaTrade.RxMonitor.Nab -- --data DIR --output OUT
// Reads DIR/<category>/<file>.csv and writes NAB's results layout, OUT/rxmon/<category>/rxmon_<file>.csv.
const string Detector = "rxmon";
string? data = null;
string? output = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--data":
            data = args[i + 1];
            break;
        case "--output":
            output = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"unknown option '{args[i]}'");
            return 2;
    }
}

if (data is null || output is null || args.Length % 2 != 0)
{
    Console.Error.WriteLine("usage: AlphaTrade.RxMonitor.Nab --data DIR --output OUT");
    return 2;
}

if (!Directory.Exists(data))
{
    Console.Error.WriteLine($"--data: no directory '{data}'");
    return 2;
}

var files = Directory.GetDirectories(data).Order(StringComparer.Ordinal)
    .SelectMany(dir => Directory.GetFiles(dir, "*.csv").Order(StringComparer.Ordinal).Select(f => (Category: Path.GetFileName(dir), File: f)))
    .ToList();
if (files.Count == 0)
{
    Console.Error.WriteLine($"--data: no <category>/<file>.csv under '{data}'");
    return 2;
}

var series = new List<NabSeries>(files.Count);
foreach (var (category, file) in files)
{
    try
    {
        series.Add(NabSeries.Read(file, category));
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}

// Two passes: the first writes the results (and compiles the code); the second, identical, is the one timed.
long samples = 0;
double nanoseconds = 0;
double bytes = 0;
foreach (var one in series)
{
    var (scores, _, _) = NabRun.Score(one);
    NabResultFile.Write(Path.Combine(output, Detector, one.Category, $"{Detector}_{one.FileName}"), one, scores);
}

foreach (var one in series)
{
    var (_, ns, b) = NabRun.Score(one);
    samples += one.Count;
    nanoseconds += ns * one.Count;
    bytes += b * one.Count;
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{Detector}: {files.Count} files, {samples} samples, {nanoseconds / samples:F1} ns and {bytes / samples:F2} B per sample (warm-ups included, second pass)"));
return 0;
