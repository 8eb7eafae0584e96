using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting.Inhibition;

/// <summary>A compiled inhibition rule with the set of firing alerts that currently match its source side.</summary>
internal sealed class InhibitRule
{
    public InhibitRule(InhibitRuleOptions options)
    {
        var errors = new List<ConfigurationProblem>();
        SourceMatchers = AlertingOptionsValidator.ParseMatchers(options.SourceMatchers, KeyPath.File, errors);
        TargetMatchers = AlertingOptionsValidator.ParseMatchers(options.TargetMatchers, KeyPath.File, errors);
        Equal = [.. (options.Equal ?? []).Distinct()];
    }

    public IReadOnlyList<LabelMatcher> SourceMatchers { get; }

    public IReadOnlyList<LabelMatcher> TargetMatchers { get; }

    public string[] Equal { get; }

    /// <summary>Firing alerts matching the source matchers.</summary>
    public HashSet<AlertEntry> Sources { get; } = [];

    public static bool MatchesAll(IReadOnlyList<LabelMatcher> matchers, LabelSet labels)
    {
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The source that inhibits <paramref name="target"/>, if any (Alertmanager's <c>hasEqual</c>, excluding two-sided self matches).</summary>
    public AlertEntry? FindInhibitor(AlertEntry target)
    {
        if (Sources.Count == 0 || !MatchesAll(TargetMatchers, target.MatchLabels))
        {
            return null;
        }

        var targetIsSource = MatchesAll(SourceMatchers, target.MatchLabels);
        foreach (var source in Sources)
        {
            if (ReferenceEquals(source, target) || (targetIsSource && MatchesAll(TargetMatchers, source.MatchLabels)))
            {
                continue;
            }

            if (EqualLabels(source.MatchLabels, target.MatchLabels))
            {
                return source;
            }
        }

        return null;
    }

    private bool EqualLabels(LabelSet source, LabelSet target)
    {
        foreach (var name in Equal)
        {
            if (!string.Equals(source.Get(name), target.Get(name), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
