using System.Globalization;
using System.Text.Json;

namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>A <see cref="ConfigurationNode"/> over a JSON element (a rules file, or a section of a JSON file read without Microsoft.Extensions.Configuration).</summary>
/// <remarks>JSON types are kept, so <c>"90"</c> where a number belongs is reported. The element's document must outlive the node.</remarks>
internal sealed class JsonConfigurationNode : ConfigurationNode
{
    private readonly JsonElement _element;
    private IReadOnlyList<ConfigurationNode>? _children;

    /// <summary>Creates the node of <paramref name="element"/>.</summary>
    /// <param name="key">The key the element is at (empty for the document's root).</param>
    /// <param name="element">The element.</param>
    public JsonConfigurationNode(string key, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        _element = element;
    }

    /// <inheritdoc/>
    public override string Key { get; }

    /// <inheritdoc/>
    public override ConfigurationValueKind Kind => _element.ValueKind switch
    {
        JsonValueKind.String => ConfigurationValueKind.JsonString,
        JsonValueKind.Number => ConfigurationValueKind.Number,
        JsonValueKind.True or JsonValueKind.False => ConfigurationValueKind.Boolean,
        JsonValueKind.Object => ConfigurationValueKind.Section,
        JsonValueKind.Array => ConfigurationValueKind.Array,
        _ => ConfigurationValueKind.Null,
    };

    /// <inheritdoc/>
    public override string? Value => _element.ValueKind switch
    {
        JsonValueKind.String => _element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => _element.GetRawText(),
        _ => null,
    };

    /// <inheritdoc/>
    public override IReadOnlyList<ConfigurationNode> Children => _children ??= _element.ValueKind switch
    {
        JsonValueKind.Object => [.. _element.EnumerateObject().Select(static p => new JsonConfigurationNode(p.Name, p.Value))],
        JsonValueKind.Array => [.. _element.EnumerateArray().Select(static (e, i) => new JsonConfigurationNode(i.ToString(CultureInfo.InvariantCulture), e))],
        _ => [],
    };

    /// <inheritdoc/>
    public override string Describe() => _element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{_element.GetString()}\"",
        JsonValueKind.Number => $"the number {_element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => _element.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>The child of an object named <paramref name="key"/> (any case), or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The child, or null when there is none.</returns>
    public ConfigurationNode? Child(string key) =>
        Kind == ConfigurationValueKind.Section ? Children.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)) : null;
}
