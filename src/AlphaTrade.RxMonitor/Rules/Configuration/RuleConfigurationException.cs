namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>A rule configuration is invalid; <see cref="Problems"/> lists every problem with its path.</summary>
/// <remarks>
/// The message names the source (a file name or a configuration section) and has one line per problem,
/// e.g. <c>rules.json: rules[2].threshold.above: expected a number, found a string</c>.
/// </remarks>
public sealed class RuleConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleConfigurationException()
        : this("rules", [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RuleConfigurationException(string message)
        : base(message)
    {
        ConfigurationSource = "rules";
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ConfigurationSource = "rules";
        Problems = [message];
    }

    /// <summary>Creates the exception for the problems of one source.</summary>
    /// <param name="source">The file name or configuration section the problems are in.</param>
    /// <param name="problems">Every problem, each as <c>path: what is wrong</c>.</param>
    public RuleConfigurationException(string source, IReadOnlyList<string> problems)
        : base(FormatMessage(source, problems))
    {
        ConfigurationSource = source;
        Problems = problems;
    }

    /// <summary>The file name or configuration section the problems are in.</summary>
    public string ConfigurationSource { get; }

    /// <summary>The problems, each as <c>path: what is wrong</c> (without the source).</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string FormatMessage(string source, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        return $"{source}: invalid rule configuration ({count}):{string.Concat(problems.Select(p => $"{Environment.NewLine}{source}: {p}"))}";
    }
}
