namespace AlphaTrade.RxMonitor.Sources.Meters;

/// <summary>Which <c>System.Diagnostics.Metrics</c> instruments the <see cref="MeterSource"/> bridges, and how.</summary>
public sealed class MeterSourceOptions
{
    /// <summary>
    /// Meter names to bridge: an exact name, or a prefix ending in <c>*</c> (<c>MyApp.*</c>). Empty (the
    /// default) bridges every meter in the process, the runtime's <c>System.Runtime</c> included.
    /// </summary>
    public IList<string> Meters { get; } = [];

    /// <summary>Quantiles reported for histograms over each poll interval. Default 0.5, 0.95, 0.99.</summary>
    public IList<double> Quantiles { get; } = [0.5, 0.95, 0.99];

    /// <summary>Most series (tag combinations) kept per instrument; measurements of further ones are dropped and counted. Default 1000.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 1000;

    /// <summary>Checks the options and lists every problem.</summary>
    /// <exception cref="ArgumentException">Some option is invalid; the message names each one.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        for (var i = 0; i < Quantiles.Count; i++)
        {
            if (Quantiles[i] is < 0 or > 1 || double.IsNaN(Quantiles[i]))
            {
                problems.Add($"Quantiles[{i}] must be within 0..1 (was {Quantiles[i]}).");
            }
        }

        for (var i = 0; i < Meters.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Meters[i]))
            {
                problems.Add($"Meters[{i}] must not be empty.");
            }
        }

        if (MaxSeriesPerInstrument < 1)
        {
            problems.Add($"MaxSeriesPerInstrument must be at least 1 (was {MaxSeriesPerInstrument}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid meter source options: " + string.Join(" ", problems));
        }
    }

    internal bool Includes(string meterName)
    {
        if (Meters.Count == 0)
        {
            return true;
        }

        foreach (var pattern in Meters)
        {
            var matches = pattern.EndsWith('*')
                ? meterName.StartsWith(pattern[..^1], StringComparison.Ordinal)
                : string.Equals(meterName, pattern, StringComparison.Ordinal);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
