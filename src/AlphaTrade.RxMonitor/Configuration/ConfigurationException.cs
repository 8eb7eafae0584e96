namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>A configuration is invalid; <see cref="Problems"/> lists every problem, each with its path as the user types it.</summary>
/// <remarks>
/// The one exception for invalid options, rules files and configuration sections. The message names the source
/// (a file or a section) and has one line per problem: <c>rules.json: rules[2].threshold.above: expected a number, …</c>.
/// </remarks>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
        : this(null, [])
    {
    }

    /// <summary>Creates the exception with one problem of the configuration as a whole.</summary>
    /// <param name="message">The problem.</param>
    public ConfigurationException(string message)
        : this(null, [new ConfigurationProblem(string.Empty, message)])
    {
    }

    /// <summary>Creates the exception with one problem of the configuration as a whole and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigurationException(string message, Exception innerException)
        : this(null, [new ConfigurationProblem(string.Empty, message)], innerException)
    {
    }

    /// <summary>Creates the exception for the problems of one source.</summary>
    /// <param name="source">The file or configuration section the problems are in, or null when the paths say it.</param>
    /// <param name="problems">Every problem.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public ConfigurationException(string? source, IReadOnlyList<ConfigurationProblem> problems, Exception? innerException = null)
        : base(FormatMessage(source, problems), innerException)
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The file or configuration section the problems are in, or null when the paths say it.</summary>
    public new string? Source { get; }

    /// <summary>Every problem, in the order found.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> is not empty.</summary>
    /// <param name="source">The file or section, or null.</param>
    /// <param name="problems">The problems found.</param>
    /// <exception cref="ConfigurationException">There is at least one problem.</exception>
    public static void ThrowIfAny(string? source, IReadOnlyCollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new ConfigurationException(source, [.. problems]);
        }
    }

    private static string FormatMessage(string? source, IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        var prefix = source is null ? string.Empty : $"{source}: ";
        return $"{prefix}invalid configuration ({count}):{string.Concat(problems.Select(p => $"{Environment.NewLine}{prefix}{p}"))}";
    }
}
