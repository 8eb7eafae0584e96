namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>One problem of a configuration: the key it is at, as the user types it, and what is wrong.</summary>
/// <param name="Path">
/// The key in the user's dialect: <c>RxMonitor:Alerting:Route:GroupWait</c> in configuration (appsettings, environment
/// variables), <c>rules[2].threshold.above</c> in a standalone rules file; empty for the source as a whole.
/// </param>
/// <param name="Message">What is wrong, without the path (for an unknown key, the whole sentence naming it).</param>
/// <remarks>Every options type reports its problems as these, through <see cref="IValidatableOptions.Validate"/>.</remarks>
public sealed record ConfigurationProblem(string Path, string Message)
{
    /// <summary>True when <see cref="Message"/> names the path itself (<c>unknown key RxMonitor:Rulez (did you mean …)</c>).</summary>
    public bool MessageNamesPath { get; init; }

    /// <summary>True when the problem is a value of the wrong type (<c>expected a number, found …</c>).</summary>
    public bool IsWrongType => Message.StartsWith("expected ", StringComparison.Ordinal);

    /// <summary>The problem for an unknown key, with the closest known key or the known keys.</summary>
    /// <param name="parent">The path of the section holding the key.</param>
    /// <param name="key">The key as the user typed it.</param>
    /// <param name="known">The keys allowed there, as documented.</param>
    /// <returns>The problem: <c>unknown key RxMonitor:Rulez (did you mean RxMonitor:Rules?)</c>.</returns>
    public static ConfigurationProblem UnknownKey(KeyPath parent, string key, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(known);
        var path = parent.Entry(key).ToString();
        return new ConfigurationProblem(path, KeySuggestion.UnknownKey(parent, key, known)) { MessageNamesPath = true };
    }

    /// <summary>The problem as the user reads it, on one line: <c>path: message</c>, or the message alone.</summary>
    /// <returns>The text; a control character in it (from a value the user typed) is spelt as its JSON escape.</returns>
    public override string ToString() => PrintableText.Of(MessageNamesPath || Path.Length == 0 ? Message : $"{Path}: {Message}");

    /// <summary>
    /// The validation problems that are not mere consequences of a value that could not be read: a problem at the
    /// path of a wrong-typed value, or at its parent, only restates it (the value is then missing) and is left out.
    /// </summary>
    /// <param name="validation">The problems of validation.</param>
    /// <param name="read">The problems of reading.</param>
    /// <returns>The validation problems to report.</returns>
    public static IEnumerable<ConfigurationProblem> NotFollowingFrom(IEnumerable<ConfigurationProblem> validation, IReadOnlyCollection<ConfigurationProblem> read)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(read);
        var wrong = read.Where(static p => p.IsWrongType).Select(static p => p.Path).ToList();
        return validation.Where(p => !wrong.Any(w => w == p.Path || ParentOf(w) == p.Path));
    }

    private static string ParentOf(string path)
    {
        var end = Math.Max(path.LastIndexOf(':'), Math.Max(path.LastIndexOf('.'), path.LastIndexOf('[')));
        return end < 0 ? string.Empty : path[..end];
    }
}
