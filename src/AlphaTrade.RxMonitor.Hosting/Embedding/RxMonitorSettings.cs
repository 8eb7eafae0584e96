using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Sources.Database;
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
/// <c>Ingest</c>; <c>Sources</c> also lists the <c>Endpoints</c> and <c>Databases</c> to watch. A user rule named like a default rule replaces it. Every problem is listed with its path.
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
        SourcesOptions sources,
        IReadOnlyList<IDatabaseSourceProvider> databaseProviders,
        IngestOptions ingest)
    {
        Rules = rules;
        UsesDefaultRules = usesDefaultRules;
        Evaluation = evaluation;
        Alerting = alerting;
        Store = store;
        Http = http;
        Sources = sources;
        DatabaseProviders = databaseProviders;
        Ingest = ingest;
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>True when the built-in default rules are included (<c>DefaultRules</c>, default true).</summary>
    public bool UsesDefaultRules { get; }

    public RuleEvaluationOptions Evaluation { get; }

    public AlertingOptions Alerting { get; }

    /// <summary>The store options when a store is used (section present or a default path given); otherwise null.</summary>
    public SqliteStoreOptions? Store { get; }

    /// <summary>The HTTP options when the endpoints are enabled (section present or forced); otherwise null.</summary>
    public RxMonitorHttpOptions? Http { get; }

    public SourcePollingOptions Polling => Sources.Polling;

    /// <summary>The <c>Sources</c> section: polling, endpoints and databases (all valid).</summary>
    public SourcesOptions Sources { get; }

    /// <summary>The providers the configured databases were checked against (one for each database's provider at least).</summary>
    public IReadOnlyList<IDatabaseSourceProvider> DatabaseProviders { get; }

    public IngestOptions Ingest { get; }

    /// <summary>Reads and validates the section; every problem is listed, each at the key the user typed.</summary>
    /// <param name="root">The <c>RxMonitor</c> section.</param>
    /// <param name="sinkTypes">The sink types the alerting configuration may name, with their options classes.</param>
    /// <param name="defaultStorePath">The store path when the section names none; null: no store unless configured.</param>
    /// <param name="storePath">A path that wins over the configuration (e.g. <c>--db</c>), or null.</param>
    /// <param name="enableHttp">True to enable the HTTP endpoints even without an <c>Http</c> section.</param>
    /// <param name="configureHttp">Applies overrides to the HTTP options, adding problems; or null.</param>
    /// <param name="databaseProviders">The providers <c>Sources:Databases</c> may name (a database of another provider is a problem).</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static RxMonitorSettings? Read(
        IConfigurationSection root,
        AlertSinkRegistry sinkTypes,
        string? defaultStorePath,
        string? storePath,
        bool enableHttp,
        Action<RxMonitorHttpOptions, List<ConfigurationProblem>>? configureHttp,
        IReadOnlyList<IDatabaseSourceProvider> databaseProviders,
        out IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        ArgumentNullException.ThrowIfNull(databaseProviders);
        var path = KeyPath.Section(root.Path);
        var list = new List<ConfigurationProblem>();
        problems = list;
        var section = new RxMonitorSection
        {
            Sqlite = defaultStorePath is not null || storePath is not null ? new SqliteStoreOptions { Path = defaultStorePath ?? "rxmonitor.db" } : null,
            Http = enableHttp ? new RxMonitorHttpOptions() : null,
        };
        StrictConfigurationReader.Read(root, section, path, list);
        var at = path.Of(section);
        if (storePath is not null)
        {
            section.Sqlite!.Path = storePath;
        }

        if (section.Http is { } http)
        {
            configureHttp?.Invoke(http, list);
        }

        var userRules = new RuleSetOptions { Rules = section.Rules, EvaluationInterval = section.EvaluationInterval };
        var validation = new List<ConfigurationProblem>();
        userRules.Validate(path, validation);
        section.Alerting.Validate(at.Key(nameof(RxMonitorSection.Alerting)), validation, sinkTypes);
        section.Sqlite?.Validate(at.Key(nameof(RxMonitorSection.Sqlite)), validation);
        section.Ingest.Validate(at.Key(nameof(RxMonitorSection.Ingest)), validation);
        section.Http?.Validate(at.Key(nameof(RxMonitorSection.Http)), validation);
        section.Sources.Validate(at.Key(nameof(RxMonitorSection.Sources)), validation);
        section.Sources.ValidateTargets(at.Key(nameof(RxMonitorSection.Sources)), databaseProviders, validation);
        list.AddRange(ConfigurationProblem.NotFollowingFrom(validation, [.. list]));
        if (list.Count > 0)
        {
            return null;
        }

        var useDefaults = section.DefaultRules ?? true;
        var combined = CombineWithDefaults(userRules, useDefaults, list);
        if (combined is null)
        {
            return null;
        }

        try
        {
            var rules = combined.ToAlertRules(path: path);
            return new RxMonitorSettings(rules, useDefaults, combined.ToEvaluationOptions(), section.Alerting, section.Sqlite, section.Http, section.Sources, databaseProviders, section.Ingest);
        }
        catch (ConfigurationException e)
        {
            list.AddRange(e.Problems);
            return null;
        }
    }

    private static RuleSetOptions? CombineWithDefaults(RuleSetOptions user, bool useDefaults, List<ConfigurationProblem> problems)
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
        catch (ConfigurationException e)
        {
            problems.AddRange(e.Problems.Select(static p => p with { Path = $"default-rules.json: {p.Path}" }));
            return null;
        }

        var overridden = user.Rules.Select(static r => r?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var combined = new RuleSetOptions { EvaluationInterval = user.EvaluationInterval ?? defaults.EvaluationInterval };
        foreach (var rule in defaults.Rules.Where(r => !overridden.Contains(r.Name ?? string.Empty)).Concat(user.Rules))
        {
            combined.Rules.Add(rule);
        }

        return combined;
    }
}
