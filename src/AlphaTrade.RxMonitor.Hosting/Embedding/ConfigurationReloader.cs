using AlphaTrade.RxMonitor.Rules;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Applies a re-read <c>RxMonitor</c> section to a running pipeline: a valid one replaces the rule set (unchanged
/// rules keep their alert state, see <see cref="ReloadableRuleSet"/>); an invalid one changes nothing. Keys read only at
/// start (<see cref="RestartSections"/>) are compared with the running values and reported as needing a restart.
/// </summary>
/// <remarks>
/// Reloadable: <c>Rules</c>, <c>EvaluationInterval</c>, <c>DefaultRules</c>. Thread-safe: reloads may come from a
/// file watcher and a signal at once; they are applied one after another, each switching the rules at the pipeline
/// scheduler's next turn.
/// </remarks>
internal sealed class ConfigurationReloader
{
    /// <summary>The sections that are read only at start.</summary>
    public static readonly IReadOnlyList<string> RestartSections = ["Alerting", "Sqlite", "Http", "Sources", "Ingest"];

    private readonly Lock _gate = new();
    private readonly ReloadableRuleSet _rules;
    private readonly Func<IReadOnlyList<AlertRule>, IReadOnlyList<AlertRule>> _compose;
    private readonly IReadOnlyDictionary<string, string?> _startValues;

    /// <summary>Creates the reloader of a pipeline started with <paramref name="running"/>.</summary>
    /// <param name="running">The settings the pipeline started with.</param>
    /// <param name="rules">The pipeline's rule set.</param>
    /// <param name="compose">Turns configured rules into the set's rules (adds the rules added in code, wires anomaly scores).</param>
    public ConfigurationReloader(RxMonitorSettings running, ReloadableRuleSet rules, Func<IReadOnlyList<AlertRule>, IReadOnlyList<AlertRule>> compose)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(compose);
        _rules = rules;
        _compose = compose;
        _startValues = running.StartOnlyValues;
    }

    /// <summary>The values of the keys under <see cref="RestartSections"/> of <paramref name="section"/>, by full path (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, string?> StartOnlyValuesOf(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in RestartSections)
        {
            foreach (var (key, value) in section.GetSection(name).AsEnumerable())
            {
                if (value is not null)
                {
                    values[key] = value;
                }
            }
        }

        return values;
    }

    /// <summary>
    /// The start-only settings of options configured in code, one value (as JSON) per section, by path: a change in a
    /// section is reported as that section needing a restart.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> StartOnlyValuesOf(RxMonitorOptions options, StoreSettings? store, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{section}:Alerting"] = JsonSerializer.Serialize(options.Alerting),
            [$"{section}:Store"] = store?.Location,
            [$"{section}:Http"] = options.Http is null ? null : JsonSerializer.Serialize(options.Http),
            [$"{section}:Sources"] = JsonSerializer.Serialize(options.Sources),
            [$"{section}:Ingest"] = JsonSerializer.Serialize(options.Ingest),
        };
    }

    /// <summary>Applies the re-read settings, or refuses them when <paramref name="problems"/> is not empty.</summary>
    /// <param name="trigger">What asked for the reload (logged).</param>
    /// <param name="settings">The new settings; null when they could not be read.</param>
    /// <param name="problems">Every problem found while reading them.</param>
    /// <returns>What happened.</returns>
    public ConfigurationReload Apply(string trigger, RxMonitorSettings? settings, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0 || settings is null)
        {
            return new ConfigurationReload(trigger, problems.Count > 0 ? problems : ["the configuration could not be read"], null, []);
        }

        lock (_gate)
        {
            var change = _rules.Replace(_compose(settings.Rules), settings.Evaluation);
            return new ConfigurationReload(trigger, [], change, ChangedStartOnlyKeys(settings.StartOnlyValues));
        }
    }

    private List<string> ChangedStartOnlyKeys(IReadOnlyDictionary<string, string?> next)
    {
        var changed = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in next)
        {
            if (!_startValues.TryGetValue(key, out var running) || !string.Equals(running, value, StringComparison.Ordinal))
            {
                changed.Add(key);
            }
        }

        foreach (var key in _startValues.Keys)
        {
            if (!next.ContainsKey(key))
            {
                changed.Add(key);
            }
        }

        return [.. changed];
    }
}
