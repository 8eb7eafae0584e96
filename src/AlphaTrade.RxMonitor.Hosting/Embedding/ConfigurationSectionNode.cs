using AlphaTrade.RxMonitor.Configuration;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>A <see cref="ConfigurationNode"/> over a Microsoft.Extensions.Configuration section (appsettings, environment variables).</summary>
/// <remarks>Values are untyped text, as the configuration holds them; a key from an environment variable arrives in upper case.</remarks>
internal sealed class ConfigurationSectionNode(IConfigurationSection section) : ConfigurationNode
{
    private IReadOnlyList<ConfigurationNode>? _children;

    public override string Key => section.Key;

    public override ConfigurationValueKind Kind =>
        Children.Count > 0 ? ConfigurationValueKind.Section
        : section.Value is null ? ConfigurationValueKind.Null
        : ConfigurationValueKind.Text;

    public override string? Value => section.Value;

    public override IReadOnlyList<ConfigurationNode> Children => _children ??= [.. section.GetChildren().Select(static c => new ConfigurationSectionNode(c))];

    public override string Describe() =>
        Children.Count > 0 ? $"a section ({string.Join(", ", Children.Select(static c => c.Key))})" : $"'{section.Value}'";

    /// <summary>The node of <paramref name="section"/>, or null when the section does not exist.</summary>
    public static ConfigurationSectionNode? Of(IConfigurationSection section) => section.Exists() ? new ConfigurationSectionNode(section) : null;
}
