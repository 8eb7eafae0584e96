using System.Text.Json;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>Loads a rules file, <c>{"rules":[…]}</c>, and validates it, listing every problem with its JSON path.</summary>
/// <remarks>
/// The JSON may hold comments and trailing commas (as <c>appsettings.json</c> may). Property names match
/// case-insensitively; unknown properties, wrong JSON types and invalid values are all reported at once in one
/// <see cref="ConfigurationException"/>, each line naming the file and the path, e.g.
/// <c>rules.json: rules[2].threshold.above: expected a number, found the string "ninety"</c>.
/// </remarks>
public static class RuleFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads and validates the rules file at <paramref name="path"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The valid rule set.</returns>
    /// <exception cref="ConfigurationException">The file cannot be read, is not JSON, or holds invalid rules.</exception>
    public static RuleSetOptions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ConfigurationException(path, [new ConfigurationProblem(string.Empty, "is a directory, not a rules file")]);
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigurationException(path, [new ConfigurationProblem(string.Empty, $"cannot read the file: {e.Message}")]);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates the text of a rules file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <returns>The valid rule set.</returns>
    /// <exception cref="ConfigurationException">The text is not JSON or holds invalid rules.</exception>
    public static RuleSetOptions Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException(source, [new ConfigurationProblem(string.Empty, JsonErrorText.Describe(e, json))]);
        }

        using (document)
        {
            var root = new JsonConfigurationNode(string.Empty, document.RootElement);
            var problems = new List<ConfigurationProblem>();
            if (root.Kind != ConfigurationValueKind.Section)
            {
                problems.Add(new ConfigurationProblem("(root)", $"expected an object {{\"rules\":[…]}}, found {root.Describe()}"));
                throw new ConfigurationException(source, problems);
            }

            var options = new RuleSetOptions();
            OptionsReader.Read(root, options, KeyPath.File, problems);
            if (root.Child(nameof(RuleSetOptions.Rules)) is not { Kind: not ConfigurationValueKind.Null })
            {
                problems.Add(new ConfigurationProblem("rules", "is required (an array of rules)"));
            }

            problems.AddRange(ConfigurationProblem.NotFollowingFrom(options.Problems(KeyPath.File), [.. problems]));
            ConfigurationException.ThrowIfAny(source, problems);
            return options;
        }
    }
}
