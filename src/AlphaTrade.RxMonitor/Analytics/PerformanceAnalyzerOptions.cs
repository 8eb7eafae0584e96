using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>Options of the <see cref="PerformanceAnalyzer"/>, with their defaults.</summary>
public sealed class PerformanceAnalyzerOptions : IValidatableOptions
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

    /// <summary>Where the problems of options given in code are reported (these options have no configuration key): <c>PerformanceAnalyzerOptions:TopSlowest</c>.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("PerformanceAnalyzerOptions");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (TopSlowest < 1)
        {
            problems.Add(path.Key(nameof(TopSlowest)), $"must be at least 1, was {TopSlowest}.");
        }

        ValidateResources(path.Key(nameof(Resources)), problems);
        Positive(Freshness, path.Key(nameof(Freshness)), problems);
        Positive(CapacityLookback, path.Key(nameof(CapacityLookback)), problems);
        Positive(QueryPerformanceWindow, path.Key(nameof(QueryPerformanceWindow)), problems);
        if (TrendWindows is null)
        {
            problems.Add(path.Key(nameof(TrendWindows)), "is required.");
        }
        else
        {
            for (var i = 0; i < TrendWindows.Count; i++)
            {
                Positive(TrendWindows[i], path.Key(nameof(TrendWindows)).Index(i), problems);
            }
        }

        if (BaselineWeeks < 2)
        {
            problems.Add(path.Key(nameof(BaselineWeeks)), $"must be at least 2, a spread needs two weeks, was {BaselineWeeks}.");
        }
    }

    private void ValidateResources(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (Resources is null)
        {
            problems.Add(path, "is required.");
            return;
        }

        for (var i = 0; i < Resources.Count; i++)
        {
            var resource = Resources[i];
            var at = path.Index(i);
            if (resource is null)
            {
                problems.Add(at, "is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(resource.Name))
            {
                problems.Add(at.Key(nameof(resource.Name)), "is required.");
            }

            if (resource.Selector?.MetricName is null)
            {
                problems.Add(at.Key(nameof(resource.Selector)), "must name a metric.");
            }

            if (!(resource.Limit > 0) || !double.IsFinite(resource.Limit))
            {
                problems.Add(at.Key(nameof(resource.Limit)), $"must be a positive number, was {resource.Limit}.");
            }
        }
    }

    private static void Positive(TimeSpan value, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(path, $"must be positive, was {value}.");
        }
    }
}
