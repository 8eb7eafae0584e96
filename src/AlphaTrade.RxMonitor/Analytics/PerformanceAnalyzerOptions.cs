namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>Options of the <see cref="PerformanceAnalyzer"/>, with their defaults.</summary>
public sealed class PerformanceAnalyzerOptions
{
    /// <summary>How many statements the top-N slowest list holds. Default 10.</summary>
    public int TopSlowest { get; set; } = 10;

    /// <summary>The resources ranked, forecast, trended and baselined. Default <see cref="ResourceDefinition.Defaults"/>.</summary>
    public IReadOnlyList<ResourceDefinition> Resources { get; set; } = ResourceDefinition.Defaults;

    /// <summary>How old a resource's latest value may be to count as current. Default 5 minutes (Prometheus' staleness).</summary>
    public TimeSpan Freshness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How much history the capacity regression fits. Default 24 hours (1-minute buckets up to 2 days, 1-hour beyond).</summary>
    public TimeSpan CapacityLookback { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The trailing windows of the trends. Default 1 hour, 24 hours, 7 days.</summary>
    public IReadOnlyList<TimeSpan> TrendWindows { get; set; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    /// <summary>How many past weeks of 1-hour roll-ups a seasonal baseline reads. Default 4.</summary>
    public int BaselineWeeks { get; set; } = 4;

    /// <summary>
    /// The period of query performance read from history when no live database instrumentation is given.
    /// Default 24 hours.
    /// </summary>
    public TimeSpan QueryPerformanceWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Every problem with these options, each as <c>Analytics.Property: what is wrong</c>.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        if (TopSlowest < 1)
        {
            problems.Add($"Analytics.TopSlowest: must be at least 1 (was {TopSlowest})");
        }

        if (Resources is null)
        {
            problems.Add("Analytics.Resources: is required");
        }
        else
        {
            for (var i = 0; i < Resources.Count; i++)
            {
                var resource = Resources[i];
                if (resource is null)
                {
                    problems.Add($"Analytics.Resources[{i}]: is null");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(resource.Name))
                {
                    problems.Add($"Analytics.Resources[{i}].Name: is required");
                }

                if (resource.Selector?.MetricName is null)
                {
                    problems.Add($"Analytics.Resources[{i}].Selector: must name a metric");
                }

                if (!(resource.Limit > 0) || !double.IsFinite(resource.Limit))
                {
                    problems.Add($"Analytics.Resources[{i}].Limit: must be a positive number (was {resource.Limit})");
                }
            }
        }

        Positive(Freshness, nameof(Freshness), problems);
        Positive(CapacityLookback, nameof(CapacityLookback), problems);
        Positive(QueryPerformanceWindow, nameof(QueryPerformanceWindow), problems);
        if (TrendWindows is null)
        {
            problems.Add("Analytics.TrendWindows: is required");
        }
        else
        {
            for (var i = 0; i < TrendWindows.Count; i++)
            {
                Positive(TrendWindows[i], $"TrendWindows[{i}]", problems);
            }
        }

        if (BaselineWeeks < 2)
        {
            problems.Add($"Analytics.BaselineWeeks: must be at least 2, a spread needs two weeks (was {BaselineWeeks})");
        }

        return problems;
    }

    /// <summary>Throws when <see cref="GetProblems"/> finds any.</summary>
    /// <exception cref="ArgumentException">Lists every problem, one per line.</exception>
    public void Validate()
    {
        var problems = GetProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid analytics options:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    private static void Positive(TimeSpan value, string name, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"Analytics.{name}: must be positive (was {value})");
        }
    }
}
