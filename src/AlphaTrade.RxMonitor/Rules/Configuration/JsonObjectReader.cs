using System.Text.Json;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>Reads the properties of one JSON object into options, adding a problem with its path for each wrong one.</summary>
/// <remarks>
/// Property names match case-insensitively (as the configuration binder does); unknown and repeated
/// properties are problems, so a misspelt field never passes silently.
/// </remarks>
internal sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly ICollection<string> _problems;

    private JsonObjectReader(JsonElement element, string path, ICollection<string> problems, string[] known)
    {
        Path = path;
        _problems = problems;
        foreach (var property in element.EnumerateObject())
        {
            var name = System.Array.Find(known, k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                problems.Add(KeySuggestion.UnknownKey(path, property.Name, known, "."));
            }
            else if (!_properties.TryAdd(name, property.Value))
            {
                problems.Add($"{Join(path, property.Name)}: appears more than once");
            }
        }
    }

    /// <summary>The path of the object, e.g. <c>rules[2]</c>.</summary>
    public string Path { get; }

    /// <summary>Creates a reader when <paramref name="element"/> is an object; otherwise adds a problem and returns null.</summary>
    public static JsonObjectReader? Create(JsonElement element, string path, ICollection<string> problems, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected an object, found {Describe(element)}");
            return null;
        }

        return new JsonObjectReader(element, path, problems, known);
    }

    /// <summary>The path of property <paramref name="name"/>.</summary>
    public string PathOf(string name) => Join(Path, name);

    /// <summary>A string property, or null when absent, null, or not a string (then a problem is added).</summary>
    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"{PathOf(name)}: expected a string, found {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A number property, or null when absent, null, or not a number (then a problem is added).</summary>
    public double? Number(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            _problems.Add($"{PathOf(name)}: expected a number, found {Describe(value)}");
            return null;
        }

        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            _problems.Add($"{PathOf(name)}: {value.GetRawText()} is out of range (numbers go up to about ±1.8e308)");
            return null;
        }

        return number;
    }

    /// <summary>An integer property, or null when absent, null, or not an integer (then a problem is added).</summary>
    public int? Integer(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && !value.TryGetInt32(out _) && value.TryGetDouble(out var whole) && whole == Math.Floor(whole))
        {
            _problems.Add($"{PathOf(name)}: {value.GetRawText()} is out of range (at most {int.MaxValue})");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            _problems.Add($"{PathOf(name)}: expected an integer, found {Describe(value)}");
            return null;
        }

        return number;
    }

    /// <summary>An object of string values, or null when absent or wrong (then a problem is added).</summary>
    public Dictionary<string, string>? StringMap(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{PathOf(name)}: expected an object of strings, found {Describe(value)}");
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var path = Join(PathOf(name), property.Name);
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                _problems.Add($"{path}: expected a string, found {Describe(property.Value)}");
            }
            else if (!map.TryAdd(property.Name, property.Value.GetString()!))
            {
                _problems.Add($"{path}: appears more than once");
            }
        }

        return map;
    }

    /// <summary>A nested object read by <paramref name="read"/>, or null when absent or not an object.</summary>
    public T? Object<T>(string name, Func<JsonElement, string, T?> read)
        where T : class =>
        TryGet(name, out var value) ? read(value, PathOf(name)) : null;

    /// <summary>An array whose items are read by <paramref name="read"/> (a wrong item is null), or null when absent or not an array.</summary>
    public List<T>? Array<T>(string name, Func<JsonElement, string, T?> read)
        where T : class
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"{PathOf(name)}: expected an array, found {Describe(value)}");
            return null;
        }

        // A wrong item stays in the list as null so that later items keep their index (and path).
        var items = new List<T>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(read(item, $"{PathOf(name)}[{index}]")!);
            index++;
        }

        return items;
    }

    /// <summary>Describes a JSON value for an error message.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private bool TryGet(string name, out JsonElement value) =>
        _properties.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
