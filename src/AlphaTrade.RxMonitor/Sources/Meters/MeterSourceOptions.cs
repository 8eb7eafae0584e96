using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sources.Meters;

/// <summary>Which <c>System.Diagnostics.Metrics</c> instruments the <see cref="MeterSource"/> bridges, and how.</summary>
public sealed class MeterSourceOptions : IValidatableOptions
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

    /// <summary>Where the problems of options given in code are reported (these options have no configuration key): <c>MeterSourceOptions:MaxSeriesPerInstrument</c>.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("MeterSourceOptions");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        for (var i = 0; i < Quantiles.Count; i++)
        {
            if (Quantiles[i] is < 0 or > 1 || double.IsNaN(Quantiles[i]))
            {
                problems.Add(path.Key(nameof(Quantiles)).Index(i), $"must be within 0..1, was {Quantiles[i]}.");
            }
        }

        for (var i = 0; i < Meters.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Meters[i]))
            {
                problems.Add(path.Key(nameof(Meters)).Index(i), "must not be empty.");
            }
        }

        if (MaxSeriesPerInstrument < 1)
        {
            problems.Add(path.Key(nameof(MaxSeriesPerInstrument)), $"must be at least 1, was {MaxSeriesPerInstrument}.");
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
