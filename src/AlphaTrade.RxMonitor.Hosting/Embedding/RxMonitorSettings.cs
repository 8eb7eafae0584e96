using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sqlite;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Everything the <c>RxMonitor</c> configuration section holds, read and validated as a whole: shared by
/// <c>rxmon run</c>/<c>rxmon check</c> and <c>AddRxMonitor</c>.
/// </summary>
/// <remarks>
/// Keys: <c>Rules</c> (array, rule schema of docs/rules-config.md), <c>EvaluationInterval</c>,
/// <c>DefaultRules</c> (bool, default true), <c>Alerting</c>, <c>Sqlite</c>, <c>Http</c>, <c>Sources</c>,
/// <c>Ingest</c>. A user rule named like a default rule replaces it. Every problem is listed with its path.
/// </remarks>
internal sealed class RxMonitorSettings
{
    private RxMonitorSettings(
        IReadOnlyList<AlertRule> rules,
        bool usesDefaultRules,
        RuleEvaluationOptions evaluation,
        AlertingOptions alerting,
        SqliteStoreOptions? store,
        RxMonitorHttpOptions? http,
        SourcePollingOptions polling,
        IngestOptions ingest)
    {
        Rules = rules;
        UsesDefaultRules = usesDefaultRules;
        Evaluation = evaluation;
        Alerting = alerting;
        Store = store;
        Http = http;
        Polling = polling;
        Ingest = ingest;
    }

    /// <summary>The keys the section may hold; any other is a problem.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["Rules", "EvaluationInterval", "DefaultRules", "Alerting", SqliteStoreOptions.SectionName, "Http", "Sources", "Ingest"];

    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>True when the built-in default rules are included (<c>DefaultRules</c>, default true).</summary>
    public bool UsesDefaultRules { get; }

    public RuleEvaluationOptions Evaluation { get; }

    public AlertingOptions Alerting { get; }

    /// <summary>The store options when a store is used (section present or a default path given); otherwise null.</summary>
    public SqliteStoreOptions? Store { get; }

    /// <summary>The HTTP options when the endpoints are enabled (section present or forced); otherwise null.</summary>
    public RxMonitorHttpOptions? Http { get; }

    public SourcePollingOptions Polling { get; }

    public IngestOptions Ingest { get; }

    /// <summary>The values of the keys read only at start (<see cref="ConfigurationReloader.RestartSections"/>), by path: a reload compares them.</summary>
    public IReadOnlyDictionary<string, string?> StartOnlyValues { get; private init; } = new Dictionary<string, string?>();

    /// <summary>Reads and validates the section; every problem is listed, each with its configuration path.</summary>
    /// <param name="root">The <c>RxMonitor</c> section.</param>
    /// <param name="sinkTypes">The sink types the alerting configuration may name.</param>
    /// <param name="defaultStorePath">The store path when the section names none; null: no store unless configured.</param>
    /// <param name="storePath">A path that wins over the configuration (e.g. <c>--db</c>), or null.</param>
    /// <param name="enableHttp">True to enable the HTTP endpoints even without an <c>Http</c> section.</param>
    /// <param name="configureHttp">Applies overrides to the HTTP options, adding problems; or null.</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static RxMonitorSettings? Read(
        IConfigurationSection root,
        IReadOnlyCollection<string> sinkTypes,
        string? defaultStorePath,
        string? storePath,
        bool enableHttp,
        Action<RxMonitorHttpOptions, List<string>>? configureHttp,
        out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        var section = root.Path;
        var list = new List<string>();
        problems = list;
        StrictConfigurationReader.CheckKeys(root, Keys, list);
        var userRules = new RuleSetOptions();
        if (StrictConfigurationReader.TryRead<List<RuleOptions>>(root.GetSection("Rules"), list, out var configuredRules))
        {
            userRules.Rules = configuredRules!;
        }

        if (StrictConfigurationReader.TryRead<string>(root.GetSection("EvaluationInterval"), list, out var interval))
        {
            userRules.EvaluationInterval = interval;
        }

        var alerting = new AlertingOptions();
        StrictConfigurationReader.Read(root.GetSection("Alerting"), alerting, list);
        var storeSection = root.GetSection(SqliteStoreOptions.SectionName);
        SqliteStoreOptions? store = null;
        if (storeSection.Exists() || defaultStorePath is not null || storePath is not null)
        {
            store = new SqliteStoreOptions { Path = defaultStorePath ?? "rxmonitor.db" };
            StrictConfigurationReader.Read(storeSection, store, list);
            if (storePath is not null)
            {
                store.Path = storePath;
            }
        }

        var polling = new SourcePollingOptions();
        StrictConfigurationReader.Read(root.GetSection("Sources"), polling, list);
        var ingest = new IngestOptions();
        StrictConfigurationReader.Read(root.GetSection("Ingest"), ingest, list);
        var httpSection = root.GetSection("Http");
        RxMonitorHttpOptions? http = null;
        if (httpSection.Exists() || enableHttp)
        {
            http = new RxMonitorHttpOptions();
            StrictConfigurationReader.Read(httpSection, http, list);
            configureHttp?.Invoke(http, list);
        }

        var useDefaults = !StrictConfigurationReader.TryRead<bool>(root.GetSection("DefaultRules"), list, out var defaults) || defaults;

        list.AddRange(userRules.Validate($"{section}:Rules"));
        list.AddRange(alerting.Validate(sinkTypes, $"{section}.Alerting"));
        if (store is not null)
        {
            list.AddRange(store.GetProblems().Select(p => $"{section}:{p}"));
        }

        list.AddRange(ingest.Validate().Select(p => $"{section}:{p}"));
        if (http is not null)
        {
            list.AddRange(http.Validate($"{section}:Http"));
        }

        try
        {
            polling.Validate();
        }
        catch (ArgumentException e)
        {
            list.Add($"{section}:Sources: {e.Message}");
        }

        if (list.Count > 0)
        {
            return null;
        }

        var combined = CombineWithDefaults(userRules, useDefaults, list);
        if (combined is null)
        {
            return null;
        }

        try
        {
            var rules = combined.ToAlertRules($"{section}:Rules");
            return new RxMonitorSettings(rules, useDefaults, combined.ToEvaluationOptions(), alerting, store, http, polling, ingest)
            {
                StartOnlyValues = ConfigurationReloader.StartOnlyValuesOf(root),
            };
        }
        catch (RuleConfigurationException e)
        {
            list.AddRange(e.Problems);
            return null;
        }
    }

    private static RuleSetOptions? CombineWithDefaults(RuleSetOptions user, bool useDefaults, List<string> problems)
    {
        if (!useDefaults)
        {
            return user;
        }

        RuleSetOptions defaults;
        try
        {
            defaults = RuleFile.Parse(DefaultRules.ReadJson(), "default-rules.json");
        }
        catch (RuleConfigurationException e)
        {
            problems.AddRange(e.Problems.Select(p => $"default-rules.json: {p}"));
            return null;
        }

        var overridden = user.Rules.Select(static r => r.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var combined = new RuleSetOptions { EvaluationInterval = user.EvaluationInterval ?? defaults.EvaluationInterval };
        foreach (var rule in defaults.Rules.Where(r => !overridden.Contains(r.Name ?? string.Empty)).Concat(user.Rules))
        {
            combined.Rules.Add(rule);
        }

        return combined;
    }
}
