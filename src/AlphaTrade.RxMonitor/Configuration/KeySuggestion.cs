namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>Words an unknown configuration key: the closest known key as a did-you-mean, or the known keys.</summary>
/// <remarks>
/// Closeness is the edit distance (insertions, deletions, substitutions and swaps of two neighbours), ignoring
/// case; a key is suggested when it is at most one edit away for short names and at most a third of its length
/// for longer ones (<c>Rulez</c> → <c>Rules</c>, <c>RxMonitr</c> → <c>RxMonitor</c>).
/// </remarks>
public static class KeySuggestion
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="key"/>, or null when none is close.</summary>
    /// <param name="key">The key as the user typed it.</param>
    /// <param name="known">The keys allowed at that place.</param>
    /// <returns>The suggestion, spelt as in <paramref name="known"/>; or null.</returns>
    public static string? Closest(string key, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance <= Math.Max(1, candidate.Length / 3) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The sentence for an unknown key: <c>unknown key A:Rulez (did you mean A:Rules?)</c>.</summary>
    /// <param name="parent">The path of the section holding the key.</param>
    /// <param name="key">The unknown key, as typed.</param>
    /// <param name="known">The keys allowed there, as .NET property names or documented keys.</param>
    /// <returns>The sentence, naming the key's whole path and either the suggestion (its first letter in the case the user typed) or the known keys (in the documented casing of the dialect).</returns>
    public static string UnknownKey(KeyPath parent, string key, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(known);
        var documented = known.Select(k => parent.IsFile && k.Length > 0 ? char.ToLowerInvariant(k[0]) + k[1..] : k).ToList();
        var closest = Closest(key, documented);
        var path = parent.Entry(key);
        return closest is not null
            ? $"unknown key {path} (did you mean {parent.Entry(InCaseOf(key, closest))}?)"
            : documented.Count == 0
                ? $"unknown key {path} (nothing is configurable there)"
                : $"unknown key {path} (known keys: {string.Join(", ", documented)})";
    }

    // Configuration keys match regardless of case: suggest in the user's style (threshold.above, Sqlite:Path).
    private static string InCaseOf(string typed, string known) =>
        typed.Length == 0 || known.Length == 0 ? known
        : char.IsLower(typed[0]) ? char.ToLowerInvariant(known[0]) + known[1..]
        : char.ToUpperInvariant(known[0]) + known[1..];

    private static int Distance(string a, string b)
    {
        // Optimal string alignment distance over three rows.
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
