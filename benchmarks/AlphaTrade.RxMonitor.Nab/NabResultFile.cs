using System.Globalization;
using System.Text;

namespace AlphaTrade.RxMonitor.Nab;

/// <summary>Writes one file of NAB's results layout: <c>timestamp,value,anomaly_score</c>, one row per data row.</summary>
internal static class NabResultFile
{
    /// <summary>Writes the scores of <paramref name="series"/> to <paramref name="path"/>, creating its folder.</summary>
    /// <param name="path">The result file.</param>
    /// <param name="series">The data, written back as it was read.</param>
    /// <param name="scores">One score per row.</param>
    public static void Write(string path, NabSeries series, double[] scores)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder(series.Count * 40);
        text.Append("timestamp,value,anomaly_score\n");
        for (var i = 0; i < series.Count; i++)
        {
            text.Append(series.Timestamps[i]).Append(',').Append(series.ValueTexts[i]).Append(',')
                .Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
