using System.CommandLine;
using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Cli.Run;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary><c>rxmon replay</c>: back-tests rules over a recorded CSV in virtual time and prints the alert events.</summary>
/// <remarks>
/// Exit codes: 0 when the replay ran (rule faults during the run are reported on standard error); 1 when the
/// output cannot be written; 2 when the input is bad — every problem of the rules file, the samples file and
/// <c>--from</c>/<c>--until</c> (also an <c>--until</c> before the first sample, a <c>--from</c> after the last one or
/// after <c>--until</c>) is listed at once, each naming the file and
/// the JSON path or line; 3 when the replay ran but a sink of <c>--alerting</c> failed to deliver (each failure
/// is named as a sink on standard error).
/// </remarks>
internal static class ReplayCommand
{
    public const int BadInput = 2;

    /// <summary>The replay ran and its events were printed, but a configured sink (<c>--alerting</c>) failed to deliver.</summary>
    public const int SinkFailed = 3;

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
        var from = new Option<string>("--from")
        {
            Description = "Start the replay at this RFC 3339 time, or -DURATION before the last sample (e.g. -1h); earlier samples are skipped. Default: the first sample's time.",
            HelpName = "TIME|-DURATION",
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
            from,
            until,
            alerting,
            output,
        };
        command.SetAction(result => Run(
            result.GetRequiredValue(rules),
            result.GetRequiredValue(input),
            result.GetValue(from),
            result.GetValue(until),
            result.GetValue(alerting),
            result.GetValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string rulesPath, string inputPath, string? fromText, string? untilText, string? alertingPath, string? outputPath, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>();
        RuleSetOptions? ruleSet = null;
        IReadOnlyList<AlertRule>? rules = null;
        IReadOnlyList<MetricSample>? samples = null;
        var until = ReplayUntil.LastSample;
        ReplayFrom? from = null;
        try
        {
            ruleSet = RuleFile.Load(rulesPath);
            rules = ruleSet.ToAlertRules(rulesPath);
        }
        catch (ConfigurationException e)
        {
            problems.AddRange(e.Problems.Select(p => $"{e.Source}: {p}"));
        }

        try
        {
            samples = CsvSampleFile.Load(inputPath);
        }
        catch (SampleFileException e)
        {
            problems.AddRange(e.Problems.Select(p => p.Line is { } line ? $"{e.FileName}:{line}: {p.Message}" : $"{e.FileName}: {p.Message}"));
        }

        if (fromText is not null)
        {
            if (ReplayFrom.TryParse(fromText, out var parsedFrom, out var fromError))
            {
                from = parsedFrom;
            }
            else
            {
                problems.Add(fromError!);
            }
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
        if (samples.Count > 0 && end < samples[0].Timestamp)
        {
            stderr.WriteLine($"rxmon replay: bad input (1 problem):");
            stderr.WriteLine($"  --until: {AlertEventJsonWriter.FormatTime(end)} is before the first sample ({AlertEventJsonWriter.FormatTime(samples[0].Timestamp)}), so nothing would be replayed");
            return BadInput;
        }

        var start = samples.Count > 0 && from is { } given ? given.Resolve(samples[^1].Timestamp) : (DateTimeOffset?)null;
        if (start is { } first && (first > end || first > samples[^1].Timestamp))
        {
            var limit = first > samples[^1].Timestamp ? $"after the last sample ({AlertEventJsonWriter.FormatTime(samples[^1].Timestamp)})" : $"after --until ({AlertEventJsonWriter.FormatTime(end)})";
            stderr.WriteLine($"rxmon replay: bad input (1 problem):");
            stderr.WriteLine($"  --from: {AlertEventJsonWriter.FormatTime(first)} is {limit}, so nothing would be replayed");
            return BadInput;
        }

        AlertManager? manager = null;
        HistoricalScheduler? clock = null;
        var (events, dropped) = ReplayRunner.Run(
            rules!,
            ruleSet!.ToEvaluationOptions(),
            samples,
            end,
            failures,
            alertingOptions is null ? null : scheduler =>
            {
                clock = scheduler;
                return manager = new AlertManager(alertingOptions, scheduler, failureListener: failures);
            },
            start);
        if (manager is not null)
        {
            Drain(manager, clock!);
            var statistics = manager.GetStatistics();
            stderr.WriteLine(failures.Failures.Any(static f => f.Component == PipelineComponent.Sink)
                ? $"rxmon replay: delivery to the configured sinks failed ({statistics.Notifications} notifications; see below)"
                : $"rxmon replay: delivered to the configured sinks ({statistics.Notifications} notifications)");
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
            stderr.WriteLine(failure.Component switch
            {
                PipelineComponent.Rule => $"rxmon replay: rule '{failure.Name}' failed at {AlertEventJsonWriter.FormatTime(failure.Timestamp)}: {FailureText.Reason(failure)}",
                PipelineComponent.Sink => $"rxmon replay: sink '{failure.Name}' failed: {FailureText.Reason(failure)}",
                _ => $"rxmon replay: {failure.Component.ToString().ToLowerInvariant()} '{failure.Name}' failed: {FailureText.Reason(failure)}",
            });
        }

        return failures.Failures.Any(static f => f.Component == PipelineComponent.Sink) ? SinkFailed : 0;
    }

    private static readonly TimeSpan SinkDrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainBeforeMovingTheClock = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainStep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(10);

    // The sinks' retries, timeouts and breaker run on the replay's virtual clock, which nothing else moves once
    // the samples are replayed. Sinks that deliver drain at once; when they have not drained after a moment of real
    // time (a sink is failing and waits to retry), the clock is moved on, so a refused webhook exhausts its
    // retries in seconds instead of waiting out the whole real-time budget. (Moving it at once would also run the
    // alert manager's group timers, re-sending notifications of healthy sinks.)
    private static void Drain(AlertManager manager, HistoricalScheduler clock)
    {
        using var budget = new CancellationTokenSource(SinkDrainTimeout, TimeProvider.System);
        var stopping = manager.StopAsync(budget.Token);
        if (!stopping.Wait(DrainBeforeMovingTheClock))
        {
            while (!stopping.Wait(DrainPoll))
            {
                clock.AdvanceBy(DrainStep);
            }
        }

        stopping.GetAwaiter().GetResult();
    }

    // Read like rxmon run reads it (strict keys, JSON errors with line and column, the same sink types).
    private static AlertingOptions? LoadAlerting(string path, List<string> problems)
    {
        var configuration = MonitorSettings.TryBuild(path, out var fileProblems);
        problems.AddRange(fileProblems);
        if (configuration is null)
        {
            return null;
        }

        var section = configuration.GetSection($"{MonitorSettings.Section}:Alerting");
        var options = new AlertingOptions();
        var invalid = new List<ConfigurationProblem>();
        var at = KeyPath.Section(section.Path);
        StrictConfigurationReader.Read(section, options, at, invalid);
        if (invalid.Count == 0)
        {
            options.Validate(at, invalid, MonitorSettings.SinkTypes());
        }

        problems.AddRange(invalid.Select(p => $"{path}: {p}"));
        return invalid.Count == 0 && fileProblems.Count == 0 ? options : null;
    }

    private sealed class FailureCollector : IFailureListener
    {
        public List<PipelineFailure> Failures { get; } = [];

        public void OnFailure(PipelineFailure failure) => Failures.Add(failure);
    }
}
