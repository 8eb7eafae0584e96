using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting.Inhibition;

/// <summary>
/// The inhibition rules (Alertmanager's <c>inhibit.Inhibitor</c>): which firing alerts are sources of a rule, and
/// which sources inhibit an alert now.
/// </summary>
/// <remarks>Guarded by the manager's lock.</remarks>
internal sealed class Inhibitor(IEnumerable<InhibitRuleOptions> rules)
{
    private readonly InhibitRule[] _rules = [.. rules.Select(static r => new InhibitRule(r))];

    public bool IsEmpty => _rules.Length == 0;

    /// <summary>Adds or removes <paramref name="entry"/> as a source of each rule; <see langword="true"/> when any rule's sources changed.</summary>
    public bool UpdateSources(AlertEntry entry)
    {
        var changed = false;
        foreach (var rule in _rules)
        {
            var isSource = entry.State == AlertState.Firing && InhibitRule.MatchesAll(rule.SourceMatchers, entry.MatchLabels);
            changed |= isSource ? rule.Sources.Add(entry) : rule.Sources.Remove(entry);
        }

        return changed;
    }

    /// <summary>The fingerprints of the sources that inhibit <paramref name="entry"/>, sorted; <see langword="null"/> for none.</summary>
    public List<ulong>? InhibitedBy(AlertEntry entry)
    {
        List<ulong>? inhibitedBy = null;
        foreach (var rule in _rules)
        {
            if (rule.FindInhibitor(entry) is { } source && !(inhibitedBy?.Contains(source.Fingerprint) ?? false))
            {
                (inhibitedBy ??= []).Add(source.Fingerprint);
            }
        }

        inhibitedBy?.Sort();
        return inhibitedBy;
    }

    /// <summary>Forgets an alert the store no longer holds.</summary>
    public void Forget(AlertEntry entry)
    {
        foreach (var rule in _rules)
        {
            rule.Sources.Remove(entry);
        }
    }
}
