using AlphaTrade.RxMonitor.Configuration;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Reads a configuration section (appsettings, environment variables) into an options object with the one strict
/// reader, <see cref="OptionsReader"/>: every unknown key (with a did-you-mean) and every value that is not of its
/// property's type is a problem at the key the user typed. Nothing is thrown; every problem is collected.
/// </summary>
/// <remarks>
/// An options class is declared by its public settable properties (see <see cref="OptionsReader"/> for the types);
/// to read a new section, give its options class and its path: <c>Read(root.GetSection("X"), options, path.Key("X"), problems)</c>.
/// </remarks>
internal static class StrictConfigurationReader
{
    /// <summary>Reads <paramref name="section"/> into <paramref name="target"/>, adding each problem to <paramref name="problems"/>.</summary>
    public static void Read(IConfigurationSection section, object target, KeyPath path, ICollection<ConfigurationProblem> problems, IReadOnlyCollection<string>? alsoKnown = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        OptionsReader.Read(ConfigurationSectionNode.Of(section), target, path, problems, alsoKnown);
    }

    /// <summary>Reads <paramref name="section"/> into <paramref name="target"/> at the section's own path.</summary>
    public static void Read(IConfigurationSection section, object target, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        Read(section, target, KeyPath.Section(section.Path), problems);
    }

    /// <summary>Reads one value of type <typeparamref name="T"/> (a scalar, a list or an options class) from <paramref name="section"/>.</summary>
    /// <returns>True when the section holds a valid value; false when it is absent, empty or wrong (then a problem is added).</returns>
    public static bool TryRead<T>(IConfigurationSection section, KeyPath path, ICollection<ConfigurationProblem> problems, out T? value)
    {
        ArgumentNullException.ThrowIfNull(section);
        return OptionsReader.TryRead(ConfigurationSectionNode.Of(section), path, problems, out value);
    }
}
