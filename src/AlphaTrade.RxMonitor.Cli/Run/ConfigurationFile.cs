using System.Text.Json;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Checks a JSON configuration file before it is loaded, so a bad file is reported with file, line, column and reason.</summary>
/// <remarks>
/// The file is read the way the configuration's JSON provider reads it (comments and trailing commas allowed).
/// Top-level keys other than the <c>RxMonitor</c> section belong to other components sharing the file and are
/// left alone, unless one is a misspelling of the section name.
/// </remarks>
internal static class ConfigurationFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The problem that makes <paramref name="path"/> unusable, or null when it is a readable JSON object.</summary>
    public static string? Check(string path)
    {
        if (Directory.Exists(path))
        {
            return $"{path}: is a directory, not a configuration file";
        }

        if (!File.Exists(path))
        {
            return $"{path}: file not found";
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot read the file: {e.Message}";
        }

        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? null
                : $"{path}: expected a JSON object at the top ({{\"RxMonitor\": {{…}}}}), found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
        }
        catch (JsonException e)
        {
            return $"{path}: {JsonErrorText.Describe(e, text)}";
        }
    }

    /// <summary>A problem for each top-level key of the (valid) file that is a misspelling of <paramref name="section"/>.</summary>
    public static IReadOnlyList<string> MisspeltSections(string path, string section)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), DocumentOptions);
        return [.. document.RootElement.EnumerateObject()
            .Where(p => !string.Equals(p.Name, section, StringComparison.OrdinalIgnoreCase) && KeySuggestion.Closest(p.Name, [section]) is not null)
            .Select(p => $"{path}: {KeySuggestion.UnknownKey(KeyPath.Section(string.Empty), p.Name, [section])}")];
    }
}
