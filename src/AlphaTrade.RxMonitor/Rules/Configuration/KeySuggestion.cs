namespace AlphaTrade.RxMonitor.Rules.Configuration;

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

    /// <summary>The problem text for an unknown key: <c>unknown key A:Rulez (did you mean A:Rules?)</c>.</summary>
    /// <param name="parentPath">The path of the object holding the key, as the user typed it (empty at the top).</param>
    /// <param name="key">The unknown key.</param>
    /// <param name="known">The keys allowed there.</param>
    /// <param name="separator">The path separator: <c>:</c> in configuration, <c>.</c> in a rules file.</param>
    /// <returns>The problem, naming the key's whole path and either the suggestion (its first letter in the case the user typed) or the known keys.</returns>
    public static string UnknownKey(string parentPath, string key, IReadOnlyCollection<string> known, string separator)
    {
        ArgumentNullException.ThrowIfNull(parentPath);
        ArgumentNullException.ThrowIfNull(known);
        var prefix = parentPath.Length == 0 ? string.Empty : parentPath + separator;
        var closest = Closest(key, known);
        return closest is not null
            ? $"unknown key {prefix}{key} (did you mean {prefix}{InCaseOf(key, closest)}?)"
            : known.Count == 0
                ? $"unknown key {prefix}{key} (nothing is configurable there)"
                : $"unknown key {prefix}{key} (known keys: {string.Join(", ", known)})";
    }

    // Configuration keys match regardless of case: suggest in the user's style (threshold.above, Sqlite:Path).
    private static string InCaseOf(string typed, string known) =>
        typed.Length > 0 && known.Length > 0 && char.IsLower(typed[0]) ? char.ToLowerInvariant(known[0]) + known[1..] : known;

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
