using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
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
        StoreSettings? store,
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

    // The SQLite store's section: without the store plugged in, a hint instead of "unknown key".
    private const string SqliteSectionName = "Sqlite";

    /// <summary>The keys the section may hold besides the store's; any other is a problem.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["Rules", "EvaluationInterval", "DefaultRules", "Alerting", "Http", "Sources", "Ingest"];

    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>True when the built-in default rules are included (<c>DefaultRules</c>, default true).</summary>
    public bool UsesDefaultRules { get; }

    public RuleEvaluationOptions Evaluation { get; }

    public AlertingOptions Alerting { get; }

    /// <summary>The store when one is plugged in (<c>UseSqliteStore</c>, or <c>rxmon run</c>'s); otherwise null.</summary>
    public StoreSettings? Store { get; }

    /// <summary>The HTTP options when the endpoints are enabled (section present or forced); otherwise null.</summary>
    public RxMonitorHttpOptions? Http { get; }

    public SourcePollingOptions Polling { get; }

    public IngestOptions Ingest { get; }

    /// <summary>The values of the keys read only at start (<see cref="ConfigurationReloader.RestartSections"/>), by path: a reload compares them.</summary>
    public IReadOnlyDictionary<string, string?> StartOnlyValues { get; private init; } = new Dictionary<string, string?>();

    /// <summary>Reads and validates the section; every problem is listed, each with its configuration path.</summary>
    /// <param name="root">The <c>RxMonitor</c> section.</param>
    /// <param name="sinkTypes">The sink types the alerting configuration may name.</param>
    /// <param name="store">The store plugged in (its section is read too), or null for none.</param>
    /// <param name="enableHttp">True to enable the HTTP endpoints even without an <c>Http</c> section.</param>
    /// <param name="configureHttp">Applies overrides to the HTTP options, adding problems; or null.</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static RxMonitorSettings? Read(
        IConfigurationSection root,
        IReadOnlyCollection<string> sinkTypes,
        RxMonitorStoreProvider? store,
        bool enableHttp,
        Action<RxMonitorHttpOptions, List<string>>? configureHttp,
        out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        var list = new List<string>();
        problems = list;
        StrictConfigurationReader.CheckKeys(root, [.. Keys, store?.SectionName ?? SqliteSectionName], list);
        if (store is null && root.GetSection(SqliteSectionName).Exists())
        {
            list.Add($"{root.Path}:{SqliteSectionName}: no store is plugged in, so this section would be ignored; call UseSqliteStore() (package AlphaTrade.RxMonitor.Sqlite) on AddRxMonitor's builder, or remove the section.");
        }

        var options = new RxMonitorOptions();
        if (StrictConfigurationReader.TryRead<List<RuleOptions>>(root.GetSection("Rules"), list, out var configuredRules))
        {
            options.Rules = configuredRules!;
        }

        if (StrictConfigurationReader.TryRead<string>(root.GetSection("EvaluationInterval"), list, out var interval))
        {
            options.EvaluationInterval = interval;
        }

        StrictConfigurationReader.Read(root.GetSection("Alerting"), options.Alerting, list);
        var storeSettings = store?.Read(root.GetSection(store.SectionName), root.Path, list);

        StrictConfigurationReader.Read(root.GetSection("Sources"), options.Sources, list);
        StrictConfigurationReader.Read(root.GetSection("Ingest"), options.Ingest, list);
        var httpSection = root.GetSection("Http");
        if (httpSection.Exists() || enableHttp)
        {
            options.Http = new RxMonitorHttpOptions();
            StrictConfigurationReader.Read(httpSection, options.Http, list);
            configureHttp?.Invoke(options.Http, list);
        }

        if (StrictConfigurationReader.TryRead<bool>(root.GetSection("DefaultRules"), list, out var defaults))
        {
            options.DefaultRules = defaults;
        }

        // Everything is validated even when the store's options are not, so every problem is listed at once.
        var settings = Create(options, storeSettings, sinkTypes, root.Path, ConfigurationReloader.StartOnlyValuesOf(root), list);
        return store is not null && storeSettings is null ? null : settings;
    }

    /// <summary>Validates options configured in code (<c>AddRxMonitor(Action&lt;RxMonitorOptions&gt;)</c>); every problem is listed with its path.</summary>
    /// <param name="options">The options.</param>
    /// <param name="store">The store plugged in, or null for none.</param>
    /// <param name="sinkTypes">The sink types the alerting configuration may name.</param>
    /// <param name="section">The path problems start with (the options' configuration path).</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static RxMonitorSettings? FromOptions(RxMonitorOptions options, RxMonitorStoreProvider? store, IReadOnlyCollection<string> sinkTypes, string section, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        var list = new List<string>();
        problems = list;
        var storeSettings = store?.Read(null, section, list);
        var settings = Create(options, storeSettings, sinkTypes, section, ConfigurationReloader.StartOnlyValuesOf(options, storeSettings, section), list);
        return store is not null && storeSettings is null ? null : settings;
    }

    private static RxMonitorSettings? Create(
        RxMonitorOptions options,
        StoreSettings? store,
        IReadOnlyCollection<string> sinkTypes,
        string section,
        IReadOnlyDictionary<string, string?> startOnlyValues,
        List<string> list)
    {
        var userRules = new RuleSetOptions { Rules = options.Rules, EvaluationInterval = options.EvaluationInterval };
        var alerting = options.Alerting;
        var http = options.Http;
        var polling = options.Sources;
        var ingest = options.Ingest;
        var useDefaults = options.DefaultRules;
        list.AddRange(userRules.Validate($"{section}:Rules"));
        list.AddRange(alerting.Validate(sinkTypes, $"{section}.Alerting"));
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
                StartOnlyValues = startOnlyValues,
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
