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
        RuleEvaluationOptions evaluation,
        AlertingOptions alerting,
        SqliteStoreOptions? store,
        RxMonitorHttpOptions? http,
        SourcePollingOptions polling,
        IngestOptions ingest)
    {
        Rules = rules;
        Evaluation = evaluation;
        Alerting = alerting;
        Store = store;
        Http = http;
        Polling = polling;
        Ingest = ingest;
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    public RuleEvaluationOptions Evaluation { get; }

    public AlertingOptions Alerting { get; }

    /// <summary>The store options when a store is used (section present or a default path given); otherwise null.</summary>
    public SqliteStoreOptions? Store { get; }

    /// <summary>The HTTP options when the endpoints are enabled (section present or forced); otherwise null.</summary>
    public RxMonitorHttpOptions? Http { get; }

    public SourcePollingOptions Polling { get; }

    public IngestOptions Ingest { get; }

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
        var userRules = new RuleSetOptions();
        Bind(root.GetSection("Rules"), userRules.Rules, $"{section}:Rules", list);
        userRules.EvaluationInterval = root["EvaluationInterval"];
        var alerting = new AlertingOptions();
        Bind(root.GetSection("Alerting"), alerting, $"{section}:Alerting", list);
        var storeSection = root.GetSection(SqliteStoreOptions.SectionName);
        SqliteStoreOptions? store = null;
        if (storeSection.Exists() || defaultStorePath is not null || storePath is not null)
        {
            store = new SqliteStoreOptions { Path = defaultStorePath ?? "rxmonitor.db" };
            Bind(storeSection, store, $"{section}:{SqliteStoreOptions.SectionName}", list);
            if (storePath is not null)
            {
                store.Path = storePath;
            }
        }

        var polling = new SourcePollingOptions();
        Bind(root.GetSection("Sources"), polling, $"{section}:Sources", list);
        var ingest = new IngestOptions();
        Bind(root.GetSection("Ingest"), ingest, $"{section}:Ingest", list);
        var httpSection = root.GetSection("Http");
        RxMonitorHttpOptions? http = null;
        if (httpSection.Exists() || enableHttp)
        {
            http = new RxMonitorHttpOptions();
            Bind(httpSection, http, $"{section}:Http", list);
            configureHttp?.Invoke(http, list);
        }

        var useDefaults = true;
        if (root["DefaultRules"] is { } defaultsText && !bool.TryParse(defaultsText, out useDefaults))
        {
            list.Add($"{section}:DefaultRules: '{defaultsText}' is not true or false.");
            useDefaults = true;
        }

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
            return new RxMonitorSettings(rules, combined.ToEvaluationOptions(), alerting, store, http, polling, ingest);
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

    private static void Bind(IConfigurationSection section, object target, string path, List<string> problems)
    {
        try
        {
            section.Bind(target, static o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            problems.Add($"{path}: {FirstLine(e)}");
        }
    }

    private static string FirstLine(Exception e)
    {
        var message = e.InnerException is { } inner
            ? e.Message.StartsWith("'ErrorOnUnknownConfiguration' was set", StringComparison.Ordinal) ? FirstLine(inner) : $"{e.Message} {inner.Message}"
            : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
