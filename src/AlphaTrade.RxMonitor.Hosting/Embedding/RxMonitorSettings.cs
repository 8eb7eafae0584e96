using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Everything the <c>RxMonitor</c> configuration section holds, read and validated as a whole: shared by
/// <c>rxmon run</c>/<c>rxmon check</c> and <c>AddRxMonitor</c> (from a section or from <see cref="RxMonitorOptions"/>).
/// </summary>
/// <remarks>
/// Keys: those of <see cref="RxMonitorOptions"/> plus the plugged-in store's section (<c>Sqlite</c>). A user rule
/// named like a default rule replaces it. Every problem is listed, each at the key the user typed.
/// </remarks>
internal sealed class RxMonitorSettings
{
    // The SQLite store's section: without the store plugged in, a hint instead of "unknown key".
    private const string SqliteSectionName = "Sqlite";

    private RxMonitorSettings(
        IReadOnlyList<AlertRule> rules,
        RxMonitorOptions options,
        RuleEvaluationOptions evaluation,
        StoreSettings? store,
        IReadOnlyList<IDatabaseSourceProvider> databaseProviders,
        IReadOnlyDictionary<string, string?> startOnlyValues)
    {
        Rules = rules;
        UsesDefaultRules = options.DefaultRules;
        Evaluation = evaluation;
        Alerting = options.Alerting;
        Store = store;
        Http = options.Http;
        Sources = options.Sources;
        DatabaseProviders = databaseProviders;
        Ingest = options.Ingest;
        StartOnlyValues = startOnlyValues;
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>True when the built-in default rules are included (<c>DefaultRules</c>, default true).</summary>
    public bool UsesDefaultRules { get; }

    public RuleEvaluationOptions Evaluation { get; }

    public AlertingOptions Alerting { get; }

    /// <summary>The store when one is plugged in (<c>UseSqliteStore</c>, or <c>rxmon run</c>'s); otherwise null.</summary>
    public StoreSettings? Store { get; }

    /// <summary>The HTTP options when the endpoints are enabled (section present or forced); otherwise null.</summary>
    public RxMonitorHttpOptions? Http { get; }

    public SourcePollingOptions Polling => Sources.Polling;

    /// <summary>The <c>Sources</c> section: polling, endpoints and databases (all valid).</summary>
    public SourcesOptions Sources { get; }

    /// <summary>The providers the configured databases were checked against.</summary>
    public IReadOnlyList<IDatabaseSourceProvider> DatabaseProviders { get; }

    public IngestOptions Ingest { get; }

    /// <summary>The values of the keys only a restart applies, by key, to tell a reload which of them changed.</summary>
    public IReadOnlyDictionary<string, string?> StartOnlyValues { get; }

    /// <summary>Reads and validates the section; every problem is listed, each at the key the user typed.</summary>
    /// <param name="root">The <c>RxMonitor</c> section.</param>
    /// <param name="sinkTypes">The sink types the alerting configuration may name, with their options classes.</param>
    /// <param name="store">The store plugged in, which reads its own section; or null for none.</param>
    /// <param name="enableHttp">True to enable the HTTP endpoints even without an <c>Http</c> section.</param>
    /// <param name="configureHttp">Applies overrides to the HTTP options, adding problems; or null.</param>
    /// <param name="databaseProviders">The providers <c>Sources:Databases</c> may name.</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static RxMonitorSettings? Read(
        IConfigurationSection root,
        AlertSinkRegistry sinkTypes,
        RxMonitorStoreProvider? store,
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
        var storeSection = store?.SectionName ?? SqliteSectionName;
        if (store is null && root.GetSection(SqliteSectionName).Exists())
        {
            list.Add(path.Entry(SqliteSectionName), "no store is plugged in, so this section would be ignored; call UseSqliteStore() (package AlphaTrade.RxMonitor.Sqlite) on AddRxMonitor's builder, or remove the section.");
        }

        var options = new RxMonitorOptions { Http = enableHttp ? new RxMonitorHttpOptions() : null };
        StrictConfigurationReader.Read(root, options, path, list, [storeSection]);
        if (options.Http is { } http)
        {
            configureHttp?.Invoke(http, list);
        }

        StoreSettings? storeSettings = null;
        var settings = Create(options, found => storeSettings = store?.Read(root.GetSection(store.SectionName), path.Entry(store.SectionName), found), sinkTypes, path, _ => ConfigurationReloader.StartOnlyValuesOf(root), databaseProviders, list);
        return store is not null && storeSettings is null ? null : settings;
    }

    /// <summary>Validates options configured in code (<c>AddRxMonitor(options => …)</c>); every problem is listed.</summary>
    /// <param name="options">The options.</param>
    /// <param name="store">The store plugged in, or null.</param>
    /// <param name="sinkTypes">The sink types the alerting options may name.</param>
    /// <param name="section">The section path problems are named under (<c>RxMonitor</c>).</param>
    /// <param name="databaseProviders">The providers <c>Sources:Databases</c> may name.</param>
    /// <param name="problems">Every problem found.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static RxMonitorSettings? FromOptions(
        RxMonitorOptions options,
        RxMonitorStoreProvider? store,
        AlertSinkRegistry sinkTypes,
        string section,
        IReadOnlyList<IDatabaseSourceProvider> databaseProviders,
        out IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        var path = KeyPath.Section(section);
        var list = new List<ConfigurationProblem>();
        problems = list;
        StoreSettings? storeSettings = null;
        var settings = Create(options, found => storeSettings = store?.Read(null, path.Entry(store.SectionName), found), sinkTypes, path, read => ConfigurationReloader.StartOnlyValuesOf(options, read, section), databaseProviders, list);
        return store is not null && storeSettings is null ? null : settings;
    }

    // The store's section is read in its place among the sections (its problems listed in the section order).
    private static RxMonitorSettings? Create(
        RxMonitorOptions options,
        Func<List<ConfigurationProblem>, StoreSettings?> readStore,
        AlertSinkRegistry sinkTypes,
        KeyPath path,
        Func<StoreSettings?, IReadOnlyDictionary<string, string?>> startOnlyValues,
        IReadOnlyList<IDatabaseSourceProvider> databaseProviders,
        List<ConfigurationProblem> list)
    {
        var at = path.Of(options);
        var userRules = new RuleSetOptions { Rules = options.Rules, EvaluationInterval = options.EvaluationInterval };
        var validation = new List<ConfigurationProblem>();
        userRules.Validate(path, validation);
        options.Alerting.Validate(at.Key(nameof(RxMonitorOptions.Alerting)), validation, sinkTypes);
        var store = readStore(validation);
        options.Ingest.Validate(at.Key(nameof(RxMonitorOptions.Ingest)), validation);
        options.Http?.Validate(at.Key(nameof(RxMonitorOptions.Http)), validation);
        options.Sources.Validate(at.Key(nameof(RxMonitorOptions.Sources)), validation);
        options.Sources.ValidateTargets(at.Key(nameof(RxMonitorOptions.Sources)), databaseProviders, validation);
        list.AddRange(ConfigurationProblem.NotFollowingFrom(validation, [.. list]));
        if (list.Count > 0)
        {
            return null;
        }

        var combined = CombineWithDefaults(userRules, options.DefaultRules, list);
        if (combined is null)
        {
            return null;
        }

        try
        {
            var rules = combined.ToAlertRules(path: path);
            return new RxMonitorSettings(rules, options, combined.ToEvaluationOptions(), store, databaseProviders, startOnlyValues(store));
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
