namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>What a <see cref="ConfigurationNode"/> holds.</summary>
public enum ConfigurationValueKind
{
    /// <summary>Nothing: JSON <c>null</c>, or an empty configuration value. The default stays.</summary>
    Null,

    /// <summary>Untyped text, as Microsoft.Extensions.Configuration holds every value (appsettings, environment variables).</summary>
    Text,

    /// <summary>A JSON string.</summary>
    JsonString,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A section of keys (a JSON object, or a configuration section).</summary>
    Section,

    /// <summary>A JSON array (its children are keyed <c>0</c>, <c>1</c>, …).</summary>
    Array,
}
