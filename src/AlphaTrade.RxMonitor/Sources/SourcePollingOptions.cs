using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>How a source is polled: the interval and the back-off after failed polls.</summary>
public sealed class SourcePollingOptions : IValidatableOptions
{
    /// <summary>Time between polls. Default 1 second.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the first poll. Default zero (poll on subscription).</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Delay after the first failed poll; it doubles with each further consecutive failure up to
    /// <see cref="MaxBackoff"/>. Default 1 second.
    /// </summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between retries of a failing source. Default 1 minute.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The configuration section these options are documented under.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("RxMonitor:Sources");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (Interval <= TimeSpan.Zero)
        {
            problems.Add(path.Key(nameof(Interval)), $"must be positive (was {Interval}).");
        }

        if (InitialDelay < TimeSpan.Zero)
        {
            problems.Add(path.Key(nameof(InitialDelay)), $"must not be negative (was {InitialDelay}).");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            problems.Add(path.Key(nameof(InitialBackoff)), $"must be positive (was {InitialBackoff}).");
        }

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add(path.Key(nameof(MaxBackoff)), $"{MaxBackoff} must be at least InitialBackoff ({InitialBackoff}).");
        }
    }

    internal SourcePollingOptions Clone() => (SourcePollingOptions)MemberwiseClone();

    internal TimeSpan BackoffAfter(int consecutiveFailures)
    {
        var delay = InitialBackoff;
        for (var i = 1; i < consecutiveFailures && delay < MaxBackoff; i++)
        {
            delay += delay;
        }

        return delay < MaxBackoff ? delay : MaxBackoff;
    }
}
