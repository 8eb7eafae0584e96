namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>
/// A key in the user's dialect: <c>RxMonitor:Alerting:Route:GroupWait</c> in configuration (appsettings and
/// environment variables), <c>rules[2].threshold.above</c> in a standalone rules file.
/// </summary>
/// <remarks>
/// Immutable. A key of an options object is spelt as the user typed it when the object was read by
/// <see cref="OptionsReader"/> (keys match regardless of case, so <c>groupWait</c> stays <c>groupWait</c>), and in
/// the documented casing otherwise (a default, a value set in code, or an upper-case environment variable):
/// PascalCase in configuration, camelCase in a rules file. Obtain the path of an object's keys with
/// <see cref="Of"/> before naming them with <see cref="Key"/>.
/// </remarks>
public sealed class KeyPath
{
    private readonly string _text;
    private readonly bool _inFile;
    private readonly object? _owner;

    private KeyPath(string text, bool inFile, object? owner)
    {
        _text = text;
        _inFile = inFile;
        _owner = owner;
    }

    /// <summary>The root of a standalone JSON file (a rules file): paths like <c>rules[2].threshold.above</c>.</summary>
    public static KeyPath File { get; } = new(string.Empty, true, null);

    /// <summary>A configuration section, e.g. <c>RxMonitor</c>: paths like <c>RxMonitor:Alerting:Route:GroupWait</c>.</summary>
    /// <param name="sectionPath">The section's path, colon-separated.</param>
    /// <returns>The path.</returns>
    public static KeyPath Section(string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        return new KeyPath(sectionPath, false, null);
    }

    /// <summary>True in a standalone file (dots and brackets), false in configuration (colons).</summary>
    public bool IsFile => _inFile;

    /// <summary>This path, as the path of <paramref name="options"/>, so that <see cref="Key"/> spells its keys as the user did.</summary>
    /// <param name="options">The options object at this path.</param>
    /// <returns>The same path, bound to the object.</returns>
    public KeyPath Of(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KeyPath(_text, _inFile, options);
    }

    /// <summary>The path of the property <paramref name="property"/> (its .NET name) of the options at this path.</summary>
    /// <param name="property">The property's name, e.g. <c>GroupWait</c>.</param>
    /// <returns>The key as the user typed it, or in the documented casing.</returns>
    public KeyPath Key(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        var typed = _owner is not null ? KeySpellings.Find(_owner, property) : null;
        return Entry(typed ?? (_inFile ? char.ToLowerInvariant(property[0]) + property[1..] : property));
    }

    /// <summary>The path of a key spelt exactly as given (a dictionary entry such as a label name, or an unknown key).</summary>
    /// <param name="key">The key; a control character in it is spelt as its JSON escape (<c>\n</c>, <c>\u0001</c>), so a path is always one line.</param>
    /// <returns>The path.</returns>
    public KeyPath Entry(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = _text.Length == 0 ? string.Empty : _inFile ? "." : ":";
        return new KeyPath(_text + separator + PrintableText.Of(key), _inFile, null);
    }

    /// <summary>The path of item <paramref name="index"/> of the list at this path.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <returns><c>rules[2]</c> in a file, <c>RxMonitor:Rules:2</c> in configuration.</returns>
    public KeyPath Index(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var item = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _inFile ? new KeyPath($"{_text}[{item}]", true, null) : Entry(item);
    }

    /// <summary>The key the user types: <c>RxMonitor:Alerting:Route:GroupWait</c>, <c>rules[2].threshold.above</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text;
}
