namespace AlphaTrade.RxMonitor.Rules.Defaults;

/// <summary>
/// The built-in default rules (embedded <c>default-rules.json</c>, in the rules JSON format): the seed's alert
/// types and thresholds, each with a recovery threshold and a <c>for</c>, plus rules for the network, runtime,
/// lock-contention and background-task sources. Metric names are those of the built-in sources (docs/sources.md).
/// </summary>
public static class DefaultRules
{
    /// <summary>The embedded resource's name.</summary>
    public const string ResourceName = "AlphaTrade.RxMonitor.Rules.Defaults.default-rules.json";

    /// <summary>Opens the default rules JSON (<c>{"rules":[...]}</c>).</summary>
    /// <returns>A stream the caller disposes.</returns>
    public static Stream OpenJson() =>
        typeof(DefaultRules).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the assembly.");

    /// <summary>The default rules JSON as text.</summary>
    /// <returns>The JSON.</returns>
    public static string ReadJson()
    {
        using var reader = new StreamReader(OpenJson());
        return reader.ReadToEnd();
    }
}
