namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>One key of a configuration tree, whatever it was read from: a JSON file or Microsoft.Extensions.Configuration.</summary>
/// <remarks>The input of <see cref="OptionsReader"/>, so that rules files, appsettings and environment variables are read by one reader.</remarks>
public abstract class ConfigurationNode
{
    /// <summary>The key as the user typed it (an array item's index for a list item).</summary>
    public abstract string Key { get; }

    /// <summary>What the node holds.</summary>
    public abstract ConfigurationValueKind Kind { get; }

    /// <summary>The scalar's text (a JSON string's content, a number's or boolean's JSON text); null for sections.</summary>
    public abstract string? Value { get; }

    /// <summary>The children of a section or array, in the order written (configuration sorts them by key).</summary>
    public abstract IReadOnlyList<ConfigurationNode> Children { get; }

    /// <summary>The node, described for a user after "found": <c>the string "ninety"</c>, <c>'ninety'</c>, <c>an array</c>.</summary>
    /// <returns>The description.</returns>
    public abstract string Describe();
}
