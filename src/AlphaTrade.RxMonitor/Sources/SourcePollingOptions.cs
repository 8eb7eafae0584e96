namespace AlphaTrade.RxMonitor.Sources;

/// <summary>How a source is polled: the interval and the back-off after failed polls.</summary>
public sealed class SourcePollingOptions
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

    /// <summary>Checks the options and lists every problem.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message names each one.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Interval <= TimeSpan.Zero)
        {
            problems.Add($"Interval must be positive (was {Interval}).");
        }

        if (InitialDelay < TimeSpan.Zero)
        {
            problems.Add($"InitialDelay must not be negative (was {InitialDelay}).");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            problems.Add($"InitialBackoff must be positive (was {InitialBackoff}).");
        }

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add($"MaxBackoff ({MaxBackoff}) must be at least InitialBackoff ({InitialBackoff}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid source polling options: " + string.Join(" ", problems));
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
