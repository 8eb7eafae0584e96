using System.Collections;
using System.Globalization;
using System.Reflection;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Reads a configuration section into an options object strictly: every unknown key and every value that is not
/// of its property's type is a problem naming the key as the user typed it (<c>RxMonitor:Sqlite:Pat</c>), with a
/// did-you-mean where a known key is close. Nothing is thrown; every problem of the section is collected.
/// </summary>
/// <remarks>
/// Keys match properties case-insensitively, as in all .NET configuration (environment variables are upper
/// case). Supported property types: string, bool, int, long, double (finite), <see cref="TimeSpan"/>
/// (<c>00:00:30</c> or a Prometheus duration such as <c>30s</c>), enums (by name), their nullable forms, nested
/// options classes, lists of those (keys <c>0</c>, <c>1</c>, …) and string-keyed dictionaries. A property of
/// another type (e.g. a callback) is not configurable, and so is reported as an unknown key.
/// </remarks>
internal static class StrictConfigurationReader
{
    /// <summary>Reads <paramref name="section"/> into <paramref name="target"/>, adding each problem to <paramref name="problems"/>.</summary>
    public static void Read(IConfigurationSection section, object target, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(problems);
        if (!section.Exists())
        {
            return;
        }

        if (!section.GetChildren().Any() && !string.IsNullOrEmpty(section.Value))
        {
            problems.Add($"{section.Path}: expected a section of settings, found the value '{section.Value}'");
            return;
        }

        ReadObject(section, target, problems);
    }

    /// <summary>Reads one value of type <typeparamref name="T"/> (a scalar, a list or an options class) from <paramref name="section"/>.</summary>
    /// <returns>True when the section holds a valid value; false when it is absent, empty or wrong (then a problem is added).</returns>
    public static bool TryRead<T>(IConfigurationSection section, List<string> problems, out T? value)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(problems);
        value = default;
        if (!section.Exists() || !TryRead(section, typeof(T), null, problems, out var read))
        {
            return false;
        }

        value = (T?)read;
        return true;
    }

    /// <summary>Adds a problem for each child of <paramref name="section"/> not named in <paramref name="known"/>.</summary>
    public static void CheckKeys(IConfigurationSection section, IReadOnlyCollection<string> known, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(KeySuggestion.UnknownKey(section.Path, child.Key, known, ":"));
            }
        }
    }

    private static void ReadObject(IConfigurationSection section, object target, List<string> problems)
    {
        var properties = Configurable(target.GetType());
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add(KeySuggestion.UnknownKey(section.Path, child.Key, [.. properties.Select(static p => p.Name)], ":"));
                continue;
            }

            var current = property.GetValue(target);
            if (TryRead(child, property.PropertyType, current, problems, out var value) && property.CanWrite)
            {
                property.SetValue(target, value);
            }
        }
    }

    private static List<PropertyInfo> Configurable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && IsSupported(p.PropertyType) && (p.CanWrite || !IsScalar(p.PropertyType)))];

    private static bool IsSupported(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return IsScalar(plain) || ElementOfList(plain) is not null || ValueOfDictionary(plain) is not null ||
               (plain.IsClass && !typeof(Delegate).IsAssignableFrom(plain) && plain.GetConstructor(Type.EmptyTypes) is not null);
    }

    private static bool IsScalar(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain == typeof(string) || plain == typeof(bool) || plain == typeof(int) || plain == typeof(long) ||
               plain == typeof(double) || plain == typeof(TimeSpan) || plain.IsEnum;
    }

    private static Type? ElementOfList(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(IList<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static Type? ValueOfDictionary(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Dictionary<,>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>)) &&
        type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static bool TryRead(IConfigurationSection section, Type type, object? current, List<string> problems, out object? value)
    {
        value = null;
        var hasChildren = section.GetChildren().Any();
        if (IsScalar(type))
        {
            if (hasChildren)
            {
                problems.Add($"{section.Path}: expected a value, found a section ({string.Join(", ", section.GetChildren().Select(static c => c.Key))})");
                return false;
            }

            return TryScalar(section.Path, section.Value, type, problems, out value);
        }

        if (!hasChildren)
        {
            // An empty JSON object or array (or null) leaves the default; a plain value where a section belongs is wrong.
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path}: expected a section of settings, found the value '{section.Value}'");
            }

            return false;
        }

        if (ElementOfList(type) is { } element)
        {
            value = ReadList(section, element, problems);
            return true;
        }

        if (ValueOfDictionary(type) is { } entry)
        {
            value = ReadDictionary(section, entry, problems);
            return true;
        }

        var target = current ?? Activator.CreateInstance(type)!;
        ReadObject(section, target, problems);
        value = target;
        return true;
    }

    private static IList ReadList(IConfigurationSection section, Type element, List<string> problems)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        var items = new List<(int Index, IConfigurationSection Item)>();
        foreach (var child in section.GetChildren())
        {
            if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                items.Add((index, child));
            }
            else
            {
                problems.Add($"{child.Path}: expected a list item (index 0, 1, …), found the key '{child.Key}'");
            }
        }

        foreach (var (_, item) in items.OrderBy(static i => i.Index))
        {
            if (TryRead(item, element, null, problems, out var value))
            {
                list.Add(value);
            }
        }

        return list;
    }

    private static IDictionary ReadDictionary(IConfigurationSection section, Type entry, List<string> problems)
    {
        var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), entry), StringComparer.Ordinal)!;
        foreach (var child in section.GetChildren())
        {
            if (TryRead(child, entry, null, problems, out var value))
            {
                map[child.Key] = value;
            }
        }

        return map;
    }

    private static bool TryScalar(string path, string? text, Type type, List<string> problems, out object? value)
    {
        value = null;
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(string))
        {
            value = text ?? string.Empty;
            return true;
        }

        if (string.IsNullOrEmpty(text))
        {
            // JSON null or an empty value: the default stays.
            return false;
        }

        var problem = Parse(text, plain, out value);
        if (problem is not null)
        {
            problems.Add($"{path}: {problem}");
            return false;
        }

        return true;
    }

    private static string? Parse(string text, Type type, out object? value)
    {
        value = null;
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(bool))
        {
            var ok = bool.TryParse(text, out var b) && text == text.Trim();
            value = b;
            return ok ? null : $"expected true or false, found '{text}'";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, c, out var whole))
            {
                var digits = text.TrimStart('-', '+');
                return digits.Length > 0 && digits.All(char.IsAsciiDigit)
                    ? $"{text} is out of range (at most {(type == typeof(int) ? int.MaxValue : long.MaxValue)})"
                    : $"expected a whole number, found '{text}'";
            }

            if (type == typeof(int) && whole is > int.MaxValue or < int.MinValue)
            {
                return $"{text} is out of range (at most {int.MaxValue})";
            }

            value = type == typeof(int) ? (object)(int)whole : whole;
            return null;
        }

        if (type == typeof(double))
        {
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, c, out var number))
            {
                return $"expected a number, found '{text}'";
            }

            value = number;
            return double.IsFinite(number) ? null : $"{text} is out of range (numbers go up to about ±1.8e308)";
        }

        if (type == typeof(TimeSpan))
        {
            if (TimeSpan.TryParseExact(text, "c", c, out var span) || PrometheusDuration.TryParse(text, out span, out _))
            {
                value = span;
                return null;
            }

            return $"expected a duration (30s, 5m, 1h30m or 00:00:30), found '{text}'";
        }

        var names = Enum.GetNames(type);
        var name = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return $"expected one of {string.Join(", ", names)}, found '{text}'";
        }

        value = Enum.Parse(type, name);
        return null;
    }
}
