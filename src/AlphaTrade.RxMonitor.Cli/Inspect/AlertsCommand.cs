using System.CommandLine;
using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Cli.Run;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite;

namespace AlphaTrade.RxMonitor.Cli.Inspect;

/// <summary><c>rxmon alerts</c>: alert history (transitions) from the store, oldest first.</summary>
/// <remarks>
/// The store is the one <c>rxmon run</c> uses: <c>--db</c>, else <c>RxMonitor:Sqlite:Path</c> from <c>--config</c> or the
/// environment, else <c>./rxmon.db</c>; it is opened read-only and never changed. Exit codes: 0 (also when nothing matched);
/// 1 when the store does not exist or cannot be read; 2 on a bad option value or configuration (a store path that is a
/// directory included).
/// </remarks>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = "How far back (default 24h), e.g. 15m, 1h, 7d.", HelpName = "DURATION", DefaultValueFactory = _ => "24h" };
        var severity = new Option<string>("--severity") { Description = "Minimum severity: info, warning, error or critical.", HelpName = "SEVERITY" };
        var rule = new Option<string>("--rule") { Description = "Only this rule (alertname).", HelpName = "NAME" };
        var state = new Option<string>("--state") { Description = "Only transitions into this state: pending, firing or resolved.", HelpName = "STATE" };
        var limit = new Option<int>("--limit") { Description = "At most this many (the newest), default 1000.", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of transitions, each alert in Alertmanager v2's shape." };
        var db = RunCommand.DatabaseOption();
        var config = RunCommand.ConfigOption();
        var command = new Command("alerts", "Show alert history from the store: every transition (pending, firing, resolved, severity change, silenced …), oldest first.")
        {
            since,
            severity,
            rule,
            state,
            limit,
            json,
            db,
            config,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, since, severity, rule, state, limit, json, db, config, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult result,
        Option<string> sinceOption,
        Option<string> severityOption,
        Option<string> ruleOption,
        Option<string> stateOption,
        Option<int> limitOption,
        Option<bool> jsonOption,
        Option<string> dbOption,
        Option<string> configOption,
        CancellationToken cancellationToken)
    {
        var stderr = result.InvocationConfiguration.Error;
        var problems = new List<string>();
        var sinceText = result.GetValue(sinceOption)!;
        if (!ConfigurationDuration.TryParse(sinceText, out var since))
        {
            problems.Add($"--since: {ConfigurationDuration.Expected(sinceText)}");
        }
        else if (since <= TimeSpan.Zero)
        {
            problems.Add($"--since: must be longer than zero, found '{sinceText}'");
        }

        Severity? minimum = null;
        if (result.GetValue(severityOption) is { } severityText)
        {
            if (Enum.TryParse<Severity>(severityText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                minimum = parsed;
            }
            else
            {
                problems.Add($"--severity: '{severityText}' is not info, warning, error or critical.");
            }
        }

        AlertState? state = null;
        if (result.GetValue(stateOption) is { } stateText)
        {
            if (Enum.TryParse<AlertState>(stateText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                state = parsed;
            }
            else
            {
                problems.Add($"--state: '{stateText}' is not pending, firing or resolved.");
            }
        }

        var limit = result.GetValue(limitOption);
        if (limit <= 0)
        {
            problems.Add($"--limit: must be positive (was {limit}).");
        }

        // The store is found as rxmon run finds it: --db, else RxMonitor:Sqlite:Path (file or environment), else rxmon.db.
        var settings = MonitorSettings.Load(result.GetValue(configOption), new RunOverrides(result.GetValue(dbOption)), out var configurationProblems);
        problems.AddRange(configurationProblems);
        if (problems.Count > 0)
        {
            ConfigurationReport.Write(stderr, "rxmon alerts", problems);
            return RunCommand.BadConfiguration;
        }

        var path = settings!.Store!.Location;
        if (!File.Exists(path))
        {
            stderr.WriteLine($"rxmon alerts: no store at {Path.GetFullPath(path)} (run 'rxmon run' first, or pass --db PATH).");
            return 1;
        }

        var time = TimeProvider.System;
        IReadOnlyList<AlertTransition> transitions;
        await using (var store = SqliteStore.Open(new SqliteStoreOptions { Path = path, ReadOnly = true }, time))
        {
            if (store.Health.Status == RxMonitor.Health.HealthStatus.Unhealthy)
            {
                stderr.WriteLine($"rxmon alerts: cannot read the store. {store.Health.Description}");
                return 1;
            }

            try
            {
                transitions = await store.AlertHistory.QueryTransitionsAsync(
                    new AlertHistoryQuery
                    {
                        Since = time.GetUtcNow() - since,
                        MinimumSeverity = minimum,
                        RuleName = result.GetValue(ruleOption),
                        State = state,
                        Limit = limit,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidDataException or FormatException or System.Text.Json.JsonException)
            {
                stderr.WriteLine($"rxmon alerts: cannot read the store '{store.Path}': {e.Message}");
                return 1;
            }
        }

        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(jsonOption))
        {
            stdout.WriteLine(OutputJson.Write(json =>
            {
                json.WriteStartArray();
                foreach (var transition in transitions)
                {
                    AlertJson.WriteTransition(json, transition);
                }

                json.WriteEndArray();
            }));
            return 0;
        }

        if (transitions.Count == 0)
        {
            stdout.WriteLine("No alert transitions match.");
            return 0;
        }

        foreach (var t in transitions)
        {
            var value = double.IsFinite(t.Alert.Value) ? t.Alert.Value.ToString("G6", CultureInfo.InvariantCulture) : "-";
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{t.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {Lower(t.Change),-16} {Lower(t.Alert.Severity),-8} {t.Alert.RuleName,-32} value {value,-10} {t.Alert.Labels}"));
        }

        return 0;
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
