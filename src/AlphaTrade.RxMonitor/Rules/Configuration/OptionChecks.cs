using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>Validation helpers shared by the rule option classes.</summary>
internal static class OptionChecks
{
    /// <summary>Parses an optional duration; adds a problem when it is missing but required, invalid, or zero but must be positive.</summary>
    public static TimeSpan? Duration(string? text, KeyPath path, ICollection<ConfigurationProblem> problems, bool required, bool positive)
    {
        if (text is null)
        {
            if (required)
            {
                problems.Add(path, $"is required (a duration: {ConfigurationDuration.Forms})");
            }

            return null;
        }

        if (ConfigurationDuration.Parse(text, path, problems) is not { } duration)
        {
            return null;
        }

        if (positive && duration == TimeSpan.Zero)
        {
            problems.Add(path, $"must be longer than zero");
            return null;
        }

        return duration;
    }

    /// <summary>Adds a problem when <paramref name="value"/> is not one of <paramref name="allowed"/> (case-insensitive).</summary>
    public static string? OneOf(string? value, KeyPath path, ICollection<ConfigurationProblem> problems, bool required, params string[] allowed)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add(path, $"is required (one of {string.Join(", ", allowed)})");
            }

            return null;
        }

        var match = Array.Find(allowed, a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            problems.Add(path, $"'{value}' is not one of {string.Join(", ", allowed)}");
        }

        return match;
    }
}
