using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Serilog.Sinks;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sqlite;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// Everything <c>rxmon run</c> and <c>rxmon check</c> read from <c>appsettings.json</c> (section <c>RxMonitor</c>)
/// and <c>RXMONITOR__…</c> environment variables, validated as a whole.
/// </summary>
/// <remarks>
/// Keys: <c>RxMonitor:Rules</c> (array, rule schema of docs/rules-config.md), <c>RxMonitor:EvaluationInterval</c>,
/// <c>RxMonitor:DefaultRules</c> (bool, default true), <c>RxMonitor:Alerting</c>, <c>RxMonitor:Sqlite</c>,
/// <c>RxMonitor:Http</c>, <c>RxMonitor:Sources</c>. A user rule named like a default rule replaces it.
/// </remarks>
internal sealed class MonitorSettings
{
    public const string Section = "RxMonitor";

    private MonitorSettings(
        IReadOnlyList<AlertRule> rules,
        RuleEvaluationOptions evaluation,
        AlertingOptions alerting,
        SqliteStoreOptions store,
        RxMonitorHttpOptions? http,
        SourcePollingOptions polling)
    {
        Rules = rules;
        Evaluation = evaluation;
        Alerting = alerting;
        Store = store;
        Http = http;
        Polling = polling;
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    public RuleEvaluationOptions Evaluation { get; }

    public AlertingOptions Alerting { get; }

    public SqliteStoreOptions Store { get; }

    /// <summary>The HTTP options when the endpoints are enabled (section present or <c>--http</c>); otherwise null.</summary>
    public RxMonitorHttpOptions? Http { get; }

    public SourcePollingOptions Polling { get; }

    /// <summary>Builds the configuration: the JSON file (when given) then environment variables.</summary>
    public static IConfiguration BuildConfiguration(string? configPath)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        return builder.Build();
    }

    /// <summary>Reads and validates the settings; every problem is listed, each with its configuration path.</summary>
    /// <param name="configPath">The JSON file, or null for defaults plus environment.</param>
    /// <param name="overrides">Command-line values that win over the file.</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings, or null when there are problems.</returns>
    public static MonitorSettings? Load(string? configPath, RunOverrides overrides, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var list = new List<string>();
        problems = list;
        IConfiguration configuration;
        try
        {
            configuration = BuildConfiguration(configPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            list.Add($"{configPath}: {FirstLine(e)}");
            return null;
        }

        var root = configuration.GetSection(Section);
        var userRules = new RuleSetOptions();
        Bind(root.GetSection("Rules"), userRules.Rules, $"{Section}:Rules", list);
        userRules.EvaluationInterval = root["EvaluationInterval"];
        var alerting = new AlertingOptions();
        Bind(root.GetSection("Alerting"), alerting, $"{Section}:Alerting", list);
        var store = new SqliteStoreOptions { Path = "rxmon.db" };
        Bind(root.GetSection(SqliteStoreOptions.SectionName), store, $"{Section}:{SqliteStoreOptions.SectionName}", list);
        var polling = new SourcePollingOptions();
        Bind(root.GetSection("Sources"), polling, $"{Section}:Sources", list);
        var httpSection = root.GetSection("Http");
        RxMonitorHttpOptions? http = null;
        if (httpSection.Exists() || overrides.Http is not null)
        {
            http = new RxMonitorHttpOptions();
            Bind(httpSection, http, $"{Section}:Http", list);
            overrides.ApplyTo(http, list);
        }

        var useDefaults = true;
        if (root["DefaultRules"] is { } defaultsText && !bool.TryParse(defaultsText, out useDefaults))
        {
            list.Add($"{Section}:DefaultRules: '{defaultsText}' is not true or false.");
            useDefaults = true;
        }

        if (overrides.DatabasePath is not null)
        {
            store.Path = overrides.DatabasePath;
        }

        list.AddRange(userRules.Validate($"{Section}:Rules"));
        list.AddRange(alerting.Validate(SinkTypes(), $"{Section}.Alerting"));
        list.AddRange(store.GetProblems().Select(p => $"{Section}:{p}"));
        if (http is not null)
        {
            list.AddRange(http.Validate($"{Section}:Http"));
        }

        try
        {
            polling.Validate();
        }
        catch (ArgumentException e)
        {
            list.Add($"{Section}:Sources: {e.Message}");
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
            var rules = combined.ToAlertRules($"{Section}:Rules");
            return new MonitorSettings(rules, combined.ToEvaluationOptions(), alerting, store, http, polling);
        }
        catch (RuleConfigurationException e)
        {
            list.AddRange(e.Problems);
            return null;
        }
    }

    /// <summary>The sink types a configuration may name: the built-in ones plus <c>serilog</c>.</summary>
    public static IReadOnlyCollection<string> SinkTypes() =>
        new AlertSinkRegistry().AddSerilog(global::Serilog.Core.Logger.None).Types;

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
