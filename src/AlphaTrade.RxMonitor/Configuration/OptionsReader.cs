using System.Collections;
using System.Globalization;
using System.Reflection;

namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>
/// The one strict reader of configuration: fills an options object from a <see cref="ConfigurationNode"/> (a rules
/// file, appsettings, environment variables), reporting every unknown key (with a did-you-mean) and every value of the
/// wrong type or out of range, each at the key the user typed. Nothing is thrown; every problem is collected.
/// </summary>
/// <remarks>
/// <para>
/// An options class is declared by its public properties: keys match them regardless of case. Supported property
/// types: string, bool, int, long, double (finite), <see cref="TimeSpan"/> (<see cref="ConfigurationDuration"/>),
/// enums (by name, any case), their nullable forms, nested options classes (public parameterless constructor), lists
/// of those (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>) and string-keyed dictionaries. A property of another type
/// (e.g. a callback) is not configurable, and so is an unknown key. A key read is spelt as typed in later problems
/// about it (<see cref="KeyPath.Key"/>).
/// </para>
/// <para>
/// JSON keeps its types (<c>"90"</c> is not a number, <c>90</c> is not a string); configuration text is parsed as
/// written (<c>" 95"</c> with a space is not a number). A null or empty value leaves the default. A list item that
/// cannot be read stays as null, so later items keep their index.
/// </para>
/// </remarks>
public static class OptionsReader
{
    /// <summary>Reads <paramref name="node"/> into <paramref name="target"/>, adding each problem to <paramref name="problems"/>.</summary>
    /// <param name="node">The section, or null when it is absent.</param>
    /// <param name="target">The options object to fill.</param>
    /// <param name="path">The section's path.</param>
    /// <param name="problems">Where each problem goes.</param>
    /// <param name="alsoKnown">Keys of the section that belong to someone else (read elsewhere): neither read nor reported here.</param>
    public static void Read(ConfigurationNode? node, object target, KeyPath path, ICollection<ConfigurationProblem> problems, IReadOnlyCollection<string>? alsoKnown = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        if (node is null || node.Kind == ConfigurationValueKind.Null)
        {
            return;
        }

        if (node.Kind != ConfigurationValueKind.Section)
        {
            problems.Add(path, ExpectedSection(node, list: false));
            return;
        }

        ReadObject(node, target, path, problems, alsoKnown);
    }

    /// <summary>Reads one value of type <typeparamref name="T"/> (a scalar, a list or an options class).</summary>
    /// <param name="node">The node, or null when absent.</param>
    /// <param name="path">Its path.</param>
    /// <param name="problems">Where each problem goes.</param>
    /// <param name="value">The value read.</param>
    /// <returns>True when the node holds a valid value; false when it is absent, null or wrong (then a problem is added).</returns>
    public static bool TryRead<T>(ConfigurationNode? node, KeyPath path, ICollection<ConfigurationProblem> problems, out T? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        value = default;
        if (node is null || !TryRead(node, typeof(T), null, path, problems, out var read))
        {
            return false;
        }

        value = (T?)read;
        return true;
    }

    /// <summary>The keys an options class takes: its configurable properties' names.</summary>
    /// <param name="type">The options class.</param>
    /// <returns>The names, in declaration order.</returns>
    public static IReadOnlyList<string> KeysOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return [.. Configurable(type).Select(static p => p.Name)];
    }

    private static void ReadObject(ConfigurationNode node, object target, KeyPath path, ICollection<ConfigurationProblem> problems, IReadOnlyCollection<string>? alsoKnown = null)
    {
        var properties = Configurable(target.GetType());
        var others = alsoKnown ?? [];
        var known = properties.Select(static p => p.Name).Concat(others).ToList();
        var extensible = target as IExtensibleOptions;
        var owned = path.Of(target);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in node.Children)
        {
            if (others.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!seen.Add(child.Key))
            {
                problems.Add(path.Entry(child.Key), "appears more than once");
                continue;
            }

            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                if (extensible is null)
                {
                    problems.Add(ConfigurationProblem.UnknownKey(path, child.Key, known));
                }

                continue;
            }

            KeySpellings.Record(target, property.Name, child.Key);
            var current = property.GetValue(target);
            if (TryRead(child, property.PropertyType, current, owned.Key(property.Name), problems, out var value) && property.CanWrite)
            {
                property.SetValue(target, value);
            }
        }

        extensible?.Extend(node, path);
    }

    private static List<PropertyInfo> Configurable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && IsSupported(p.PropertyType) &&
                (p.SetMethod is { IsPublic: true } || !IsScalar(p.PropertyType)))];

    private static bool IsSupported(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return IsScalar(plain) || ElementOfList(plain) is not null || ValueOfDictionary(plain) is not null ||
               (plain.IsClass && !plain.IsAbstract && plain != typeof(object) && !typeof(Delegate).IsAssignableFrom(plain) &&
                plain.GetConstructor(Type.EmptyTypes) is not null);
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

    private static bool TryRead(ConfigurationNode node, Type type, object? current, KeyPath path, ICollection<ConfigurationProblem> problems, out object? value)
    {
        value = null;
        if (node.Kind == ConfigurationValueKind.Null)
        {
            // JSON null, an empty value, or an empty section: the default stays.
            return false;
        }

        if (node.Kind == ConfigurationValueKind.Text && node.Value is "" && type != typeof(string))
        {
            // An empty configuration value (JSON null or "" in appsettings) leaves the default; only a string takes it.
            return false;
        }

        if (IsScalar(type))
        {
            if (node.Kind is ConfigurationValueKind.Section or ConfigurationValueKind.Array)
            {
                problems.Add(path, $"expected {ScalarWord(type)}, found {node.Describe()}");
                return false;
            }

            var problem = Parse(node, Nullable.GetUnderlyingType(type) ?? type, out value);
            if (problem is not null)
            {
                problems.Add(path, problem);
                return false;
            }

            return true;
        }

        var list = ElementOfList(type);
        if (node.Kind != ConfigurationValueKind.Section && !(node.Kind == ConfigurationValueKind.Array && list is not null))
        {
            problems.Add(path, ExpectedSection(node, list is not null));
            return false;
        }

        if (list is not null)
        {
            value = ReadList(node, list, path, problems);
            return true;
        }

        if (ValueOfDictionary(type) is { } entry)
        {
            value = ReadDictionary(node, entry, path, problems);
            return true;
        }

        var target = current ?? Activator.CreateInstance(Nullable.GetUnderlyingType(type) ?? type)!;
        ReadObject(node, target, path, problems);
        value = target;
        return true;
    }

    private static string ExpectedSection(ConfigurationNode node, bool list) => node.Kind switch
    {
        ConfigurationValueKind.Text => $"expected a section of settings, found the value '{node.Value}'",
        _ => $"expected {(list ? "an array" : "an object")}, found {node.Describe()}",
    };

    private static IList ReadList(ConfigurationNode node, Type element, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        var items = new List<(int Index, ConfigurationNode Item)>();
        foreach (var child in node.Children)
        {
            if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                items.Add((index, child));
            }
            else
            {
                problems.Add(path.Entry(child.Key), $"expected a list item (index 0, 1, …), found the key '{child.Key}'");
            }
        }

        foreach (var (index, item) in items.OrderBy(static i => i.Index))
        {
            if (TryRead(item, element, null, path.Index(index), problems, out var value))
            {
                list.Add(value);
            }
            else if (!element.IsValueType && element != typeof(string))
            {
                // A wrong item stays as null so that later items keep their index (and path).
                list.Add(null);
            }
        }

        return list;
    }

    private static IDictionary ReadDictionary(ConfigurationNode node, Type entry, KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), entry), StringComparer.Ordinal)!;
        foreach (var child in node.Children)
        {
            if (map.Contains(child.Key))
            {
                problems.Add(path.Entry(child.Key), "appears more than once");
            }
            else if (TryRead(child, entry, null, path.Entry(child.Key), problems, out var value))
            {
                map[child.Key] = value;
            }
        }

        return map;
    }

    private static string ScalarWord(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain == typeof(string) ? "a string"
            : plain == typeof(bool) ? "true or false"
            : plain == typeof(int) || plain == typeof(long) ? "a whole number"
            : plain == typeof(double) ? "a number"
            : plain == typeof(TimeSpan) ? $"a duration ({ConfigurationDuration.Forms})"
            : $"one of {string.Join(", ", Enum.GetNames(plain))}";
    }

    private static string? Parse(ConfigurationNode node, Type type, out object? value)
    {
        value = null;
        var text = node.Value ?? string.Empty;
        var untyped = node.Kind == ConfigurationValueKind.Text;
        var wanted = type == typeof(bool) ? ConfigurationValueKind.Boolean
            : type == typeof(int) || type == typeof(long) || type == typeof(double) ? ConfigurationValueKind.Number
            : ConfigurationValueKind.JsonString;
        if (!untyped && node.Kind != wanted)
        {
            return $"expected {ScalarWord(type)}, found {node.Describe()}";
        }

        if (type == typeof(string))
        {
            value = text;
            return null;
        }

        var found = untyped ? $"'{text}'" : node.Describe();
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(bool))
        {
            var ok = bool.TryParse(text, out var b) && text == text.Trim();
            value = b;
            return ok ? null : $"expected true or false, found {found}";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            var max = type == typeof(int) ? int.MaxValue : long.MaxValue;
            var min = type == typeof(int) ? int.MinValue : long.MinValue;
            if (!TryWhole(text, json: !untyped, out var whole, out var beyond))
            {
                return beyond ? $"{text} is out of range (at most {max})" : $"expected a whole number, found {found}";
            }

            if (whole > max || whole < min)
            {
                return $"{text} is out of range (at most {max})";
            }

            value = type == typeof(int) ? (object)(int)whole : whole;
            return null;
        }

        if (type == typeof(double))
        {
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, c, out var number))
            {
                return $"expected a number, found {found}";
            }

            value = number;
            return double.IsFinite(number) ? null : $"{text} is out of range (numbers go up to about ±1.8e308)";
        }

        if (type == typeof(TimeSpan))
        {
            if (ConfigurationDuration.TryParse(text, out var span))
            {
                value = span;
                return null;
            }

            return ConfigurationDuration.Expected(text);
        }

        var names = Enum.GetNames(type);
        var name = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return $"expected one of {string.Join(", ", names)}, found {found}";
        }

        value = Enum.Parse(type, name);
        return null;
    }

    // Whole numbers as written; a JSON number may also be written with a fraction or exponent whose value is whole (1e3).
    private static bool TryWhole(string text, bool json, out long whole, out bool beyond)
    {
        var c = CultureInfo.InvariantCulture;
        beyond = false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, c, out whole))
        {
            return true;
        }

        var digits = text.TrimStart('-', '+');
        beyond = digits.Length > 0 && digits.All(char.IsAsciiDigit);
        if (json && double.TryParse(text, NumberStyles.Float, c, out var number) && number == Math.Floor(number) && double.IsFinite(number))
        {
            beyond = Math.Abs(number) >= 9.2e18;
            whole = beyond ? 0 : (long)number;
            return !beyond;
        }

        return false;
    }
}
