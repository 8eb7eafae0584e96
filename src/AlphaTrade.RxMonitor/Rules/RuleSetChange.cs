namespace AlphaTrade.RxMonitor.Rules;

/// <summary>What a <see cref="ReloadableRuleSet.Replace"/> did, by rule name.</summary>
/// <param name="Kept">Rules whose definition did not change: they keep their series and alert state (pending, firing, <c>activeAt</c>).</param>
/// <param name="Added">Rules that were not in the previous set.</param>
/// <param name="Changed">Rules whose definition changed: their alerts are resolved and they start again.</param>
/// <param name="Removed">Rules that are no longer in the set: their alerts are resolved.</param>
public sealed record RuleSetChange(
    IReadOnlyList<string> Kept,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Removed)
{
    /// <summary>Whether any rule was added, changed or removed.</summary>
    public bool Any => Added.Count + Changed.Count + Removed.Count > 0;
}
