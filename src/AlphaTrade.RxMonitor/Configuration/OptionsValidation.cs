namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>Checks <see cref="IValidatableOptions"/> and adds problems with their paths.</summary>
public static class OptionsValidation
{
    /// <summary>Adds a problem at <paramref name="path"/>.</summary>
    /// <param name="problems">Where to add it.</param>
    /// <param name="path">The key the problem is at.</param>
    /// <param name="message">What is wrong.</param>
    public static void Add(this ICollection<ConfigurationProblem> problems, KeyPath path, string message)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(path);
        problems.Add(new ConfigurationProblem(path.ToString(), message));
    }

    /// <summary>Every problem of <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="path">Their path (default: the section they are documented under, e.g. <c>RxMonitor:Ingest</c>).</param>
    /// <returns>The problems; empty when the options are valid.</returns>
    public static IReadOnlyList<ConfigurationProblem> Problems(this IValidatableOptions options, KeyPath path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<ConfigurationProblem>();
        options.Validate(path, problems);
        return problems;
    }

    /// <summary>Throws when <paramref name="options"/> have any problem.</summary>
    /// <param name="options">The options.</param>
    /// <param name="path">Their path.</param>
    /// <exception cref="ConfigurationException">Lists every problem.</exception>
    public static void ThrowIfInvalid(this IValidatableOptions options, KeyPath path) =>
        ConfigurationException.ThrowIfAny(null, options.Problems(path));
}
