using System.Runtime.CompilerServices;

namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>The keys of each options object as the user typed them, recorded by the reader, used by <see cref="KeyPath.Key"/>.</summary>
/// <remarks>Weak: an entry lives as long as its options object. Thread-safe for distinct objects.</remarks>
internal static class KeySpellings
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, string>> Spellings = [];

    /// <summary>Records that <paramref name="property"/> of <paramref name="options"/> was typed as <paramref name="typed"/>.</summary>
    /// <remarks>
    /// An all-upper-case key that is not the documented name is taken for an environment variable
    /// (<c>RXMONITOR__ALERTING__ROUTE__GROUPWAIT</c>), which is reported in the documented casing.
    /// </remarks>
    public static void Record(object options, string property, string typed)
    {
        if (typed.All(static c => !char.IsLower(c)) && property.Any(char.IsLower))
        {
            return;
        }

        var map = Spellings.GetValue(options, static _ => new Dictionary<string, string>(StringComparer.Ordinal));
        lock (map)
        {
            map[property] = typed;
        }
    }

    public static string? Find(object options, string property)
    {
        if (!Spellings.TryGetValue(options, out var map))
        {
            return null;
        }

        lock (map)
        {
            return map.GetValueOrDefault(property);
        }
    }
}
