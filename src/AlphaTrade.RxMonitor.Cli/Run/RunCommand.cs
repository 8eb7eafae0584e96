using System.CommandLine;
using System.Runtime.InteropServices;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary><c>rxmon run</c>: monitors this machine until stopped (Ctrl+C, SIGTERM or <c>--duration</c>); re-reads its configuration on SIGHUP and when the file changes.</summary>
/// <remarks>Exit codes: 0 after a clean stop; 1 when it cannot start (store, HTTP port); 2 on invalid configuration.</remarks>
internal static class RunCommand
{
    public const int BadConfiguration = 2;

    public static Option<string> ConfigOption() => new("--config")
    {
        Description = "appsettings.json with an RxMonitor section (Rules, Alerting, Sqlite, Http, Sources); RXMONITOR__... environment variables override it.",
        HelpName = "FILE",
    };

    public static Option<string> DatabaseOption() => new("--db")
    {
        Description = "SQLite store file (default ./rxmon.db, or RxMonitor:Sqlite:Path).",
        HelpName = "PATH",
    };

    public static Command Create()
    {
        var config = ConfigOption();
        var db = DatabaseOption();
        var duration = new Option<string>("--duration")
        {
            Description = "Stop by itself after this long (e.g. 30s, 5m, 1h).",
            HelpName = "DURATION",
        };
        var http = new Option<string>("--http")
        {
            Description = "Serve /metrics, /health, /alerts and /api/silences on ADDRESS:PORT (e.g. 127.0.0.1:9464; port 0 picks a free one).",
            HelpName = "ADDRESS:PORT",
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow a non-loopback --http address; requires --api-token.",
        };
        var apiToken = new Option<string>("--api-token")
        {
            Description = "Bearer token (at least 16 characters) every HTTP request must carry.",
            HelpName = "TOKEN",
        };
        var logFile = new Option<string>("--log-file")
        {
            Description = "Also write the log to this file, rolled daily.",
            HelpName = "FILE",
        };
        var noView = new Option<bool>("--no-view")
        {
            Description = "Log lines instead of the live view even when the output is a terminal.",
        };
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Also log Debug detail, e.g. the exception and stack trace behind each failure (logged as one line otherwise).",
        };
        var command = new Command("run", "Monitor this machine with the default sources and rules until stopped (Ctrl+C, SIGTERM or --duration); SIGHUP or an edit of the --config file reloads the rules.")
        {
            config,
            db,
            duration,
            http,
            allowRemote,
            apiToken,
            logFile,
            noView,
            verbose,
        };
        command.SetAction((result, _) => RunAsync(
            result.GetValue(config),
            new RunOverrides(result.GetValue(db), result.GetValue(http), result.GetValue(allowRemote), result.GetValue(apiToken)),
            result.GetValue(duration),
            result.GetValue(logFile),
            !result.GetValue(noView) && !Console.IsOutputRedirected,
            result.GetValue(verbose),
            result.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string? configPath, RunOverrides overrides, string? durationText, string? logFile, bool liveView, bool verbose, TextWriter stderr)
    {
        TimeSpan? duration = null;
        var durationProblem = (string?)null;
        if (durationText is not null)
        {
            if (!ConfigurationDuration.TryParse(durationText, out var parsed))
            {
                durationProblem = $"--duration: {ConfigurationDuration.Expected(durationText)}";
            }
            else if (parsed <= TimeSpan.Zero)
            {
                durationProblem = $"--duration: must be longer than zero, found '{durationText}'";
            }
            else
            {
                duration = parsed;
            }
        }

        var settings = MonitorSettings.Load(configPath, overrides, out var problems);
        if (settings is null || durationProblem is not null)
        {
            var all = durationProblem is null ? problems : [.. problems, durationProblem];
            ConfigurationReport.Write(stderr, "rxmon run", all);
            return BadConfiguration;
        }

        using var stop = new StopRequest();
        using var reloads = new ReloadRequests(configPath, overrides);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (context.Signal == PosixSignal.SIGHUP)
            {
                reloads.Request("SIGHUP");
                return;
            }

            stop.Request(context.Signal == PosixSignal.SIGINT ? "Ctrl+C" : "SIGTERM");
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        return await MonitorHost.RunAsync(settings, new RunOptions(duration, logFile, liveView, TimeSpan.FromSeconds(2), verbose), stop, reloads).ConfigureAwait(false);
    }
}
