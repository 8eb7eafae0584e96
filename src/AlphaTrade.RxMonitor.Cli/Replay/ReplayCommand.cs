using System.CommandLine;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary><c>rxmon replay</c>: back-tests rules over a recorded CSV in virtual time and prints the alert events.</summary>
/// <remarks>
/// Exit codes: 0 when the replay ran (rule faults during the run are reported on standard error); 2 when the
/// input is bad — every problem of the rules file, the samples file and <c>--until</c> is listed at once, each
/// naming the file and the JSON path or line.
/// </remarks>
internal static class ReplayCommand
{
    public const int BadInput = 2;

    public static Command Create()
    {
        var rules = new Option<string>("--rules")
        {
            Description = "Rules file: {\"rules\":[...]} (see docs/rules-config.md).",
            Required = true,
            HelpName = "RULES.json",
        };
        var input = new Option<string>("--input")
        {
            Description = "Samples: CSV with the header timestamp,series,value (unix seconds or RFC 3339; series as name{label=\"v\"}).",
            Required = true,
            HelpName = "SAMPLES.csv",
        };
        var until = new Option<string>("--until")
        {
            Description = "Run until this RFC 3339 time, or +DURATION after the last sample (e.g. +10m), so absence and staleness play out. Default: the last sample's time.",
            HelpName = "TIME|+DURATION",
        };
        var alerting = new Option<string>("--alerting")
        {
            Description = "Also deliver the alert events to the sinks and routes configured in this JSON file's RxMonitor:Alerting section (e.g. appsettings.json; see docs/alerting.md).",
            HelpName = "CONFIG.json",
        };
        var output = new Option<string>("--output")
        {
            Description = "Write the alert events (one JSON object per line) to this file instead of standard output.",
            HelpName = "FILE",
        };
        var command = new Command("replay", "Run rules over recorded samples in virtual time and print one JSON line per alert event, in time order.")
        {
            rules,
            input,
            until,
            alerting,
            output,
        };
        command.SetAction(result => Run(
            result.GetRequiredValue(rules),
            result.GetRequiredValue(input),
            result.GetValue(until),
            result.GetValue(alerting),
            result.GetValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string rulesPath, string inputPath, string? untilText, string? alertingPath, string? outputPath, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>();
        RuleSetOptions? ruleSet = null;
        IReadOnlyList<AlertRule>? rules = null;
        IReadOnlyList<MetricSample>? samples = null;
        var until = ReplayUntil.LastSample;
        try
        {
            ruleSet = RuleFile.Load(rulesPath);
            rules = ruleSet.ToAlertRules(rulesPath);
        }
        catch (RuleConfigurationException e)
        {
            problems.AddRange(e.Problems.Select(p => $"{e.ConfigurationSource}: {p}"));
        }

        try
        {
            samples = CsvSampleFile.Load(inputPath);
        }
        catch (SampleFileException e)
        {
            problems.AddRange(e.Problems.Select(p => p.Line is { } line ? $"{e.FileName}:{line}: {p.Message}" : $"{e.FileName}: {p.Message}"));
        }

        if (untilText is not null && !ReplayUntil.TryParse(untilText, out until, out var untilError))
        {
            problems.Add(untilError!);
        }

        var alertingOptions = alertingPath is null ? null : LoadAlerting(alertingPath, problems);

        if (problems.Count > 0)
        {
            stderr.WriteLine($"rxmon replay: bad input ({(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")}):");
            foreach (var problem in problems)
            {
                stderr.WriteLine($"  {problem}");
            }

            return BadInput;
        }

        var failures = new FailureCollector();
        var end = samples!.Count > 0 ? until.Resolve(samples[^1].Timestamp) : until.Time ?? DateTimeOffset.MinValue;
        AlertManager? manager = null;
        var (events, dropped) = ReplayRunner.Run(
            rules!,
            ruleSet!.ToEvaluationOptions(),
            samples,
            end,
            failures,
            alertingOptions is null ? null : scheduler => manager = new AlertManager(alertingOptions, scheduler, failureListener: failures));
        if (manager is not null)
        {
            // Sinks deliver on their own consumers (real I/O): give them a bounded real time to drain.
            using var drain = new CancellationTokenSource(SinkDrainTimeout, TimeProvider.System);
            manager.StopAsync(drain.Token).GetAwaiter().GetResult();
            var statistics = manager.GetStatistics();
            stderr.WriteLine($"rxmon replay: delivered to the configured sinks ({statistics.Notifications} notifications)");
        }

        try
        {
            using var writer = outputPath is null ? null : new StreamWriter(outputPath);
            var target = writer ?? stdout;
            foreach (var alert in events)
            {
                target.Write(AlertEventJsonWriter.Format(alert));
                target.Write('\n');
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"rxmon replay: cannot write {outputPath}: {e.Message}");
            return 1;
        }

        if (dropped.Total > 0)
        {
            stderr.WriteLine($"rxmon replay: dropped {dropped.NonFinite} samples with NaN or infinite values");
        }

        foreach (var failure in failures.Failures)
        {
            stderr.WriteLine($"rxmon replay: rule '{failure.Name}' failed at {AlertEventJsonWriter.FormatTime(failure.Timestamp)}: {failure.Message}");
        }

        return 0;
    }

    private static readonly TimeSpan SinkDrainTimeout = TimeSpan.FromSeconds(30);

    private static AlertingOptions? LoadAlerting(string path, List<string> problems)
    {
        try
        {
            var options = AlertingOptions.FromJson(File.ReadAllText(path));
            var invalid = options.Validate();
            problems.AddRange(invalid.Select(p => $"{path}: {p}"));
            return invalid.Count == 0 ? options : null;
        }
        catch (AlertingOptionsException e)
        {
            problems.AddRange(e.Errors.Select(p => $"{path}: {p}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot read: {e.Message}");
        }

        return null;
    }

    private sealed class FailureCollector : IFailureListener
    {
        public List<PipelineFailure> Failures { get; } = [];

        public void OnFailure(PipelineFailure failure) => Failures.Add(failure);
    }
}
