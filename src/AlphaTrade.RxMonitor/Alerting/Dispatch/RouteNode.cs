using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>A compiled route: Alertmanager's <c>dispatch.Route</c> with inherited settings resolved.</summary>
internal sealed class RouteNode
{
    private static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    private RouteNode(RouteOptions options, RouteNode? parent, int index)
    {
        var errors = new List<ConfigurationProblem>();
        Matchers = parent is null ? [] : AlertingOptionsValidator.ParseMatchers(options.Matchers, KeyPath.File, errors);
        Receiver = options.Receiver ?? parent?.Receiver ?? AlertingOptionsValidator.DefaultReceiver;
        var groupBy = options.GroupBy ?? (parent is null ? [] : null);
        GroupByAll = groupBy is null ? parent!.GroupByAll : groupBy.Contains("...");
        GroupBy = groupBy is null ? parent!.GroupBy : [.. groupBy.Where(static g => g != "...").Distinct().Order(StringComparer.Ordinal)];
        GroupWait = Parse(options.GroupWait) ?? parent?.GroupWait ?? DefaultGroupWait;
        GroupInterval = Parse(options.GroupInterval) ?? parent?.GroupInterval ?? DefaultGroupInterval;
        RepeatInterval = Parse(options.RepeatInterval) ?? parent?.RepeatInterval ?? DefaultRepeatInterval;
        Continue = options.Continue;
        Key = parent is null ? "{}" : $"{parent.Key}/{{{string.Join(",", Matchers)}}}/{index}";
        Children = [.. (options.Routes ?? []).Select((child, i) => new RouteNode(child, this, i))];
    }

    public string Key { get; }

    public IReadOnlyList<LabelMatcher> Matchers { get; }

    public string Receiver { get; }

    public bool GroupByAll { get; }

    public string[] GroupBy { get; }

    public TimeSpan GroupWait { get; }

    public TimeSpan GroupInterval { get; }

    public TimeSpan RepeatInterval { get; }

    public bool Continue { get; }

    public RouteNode[] Children { get; }

    public static RouteNode Compile(RouteOptions root) => new(root, null, 0);

    /// <summary>The routes an alert goes to: depth-first, first matching child unless it continues; the node itself when no child matches.</summary>
    public void Match(LabelSet labels, List<RouteNode> matches)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(labels))
            {
                return;
            }
        }

        var before = matches.Count;
        foreach (var child in Children)
        {
            var count = matches.Count;
            child.Match(labels, matches);
            if (matches.Count > count && !child.Continue)
            {
                break;
            }
        }

        if (matches.Count == before)
        {
            matches.Add(this);
        }
    }

    /// <summary>The group labels of an alert on this route.</summary>
    public LabelSet GroupLabels(LabelSet labels)
    {
        if (GroupByAll)
        {
            return labels;
        }

        if (GroupBy.Length == 0)
        {
            return LabelSet.Empty;
        }

        var selected = new List<Label>(GroupBy.Length);
        foreach (var name in GroupBy)
        {
            if (labels.Get(name) is { } value)
            {
                selected.Add(new Label(name, value));
            }
        }

        return LabelSet.Create([.. selected]);
    }

    private static TimeSpan? Parse(string? text) => text is not null && ConfigurationDuration.TryParse(text, out var d) ? d : null;
}
