using System.CommandLine;
using System.Globalization;
using AlphaTrade.RxMonitor.Cli.Run;

namespace AlphaTrade.RxMonitor.Cli.Inspect;

/// <summary><c>rxmon metrics</c>: one collection of every default source, printed as series and values.</summary>
/// <remarks>Exit codes: 0 when every source answered; 1 when a source failed (its series are missing, the failure is on standard error); 2 on invalid configuration.</remarks>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"timestamp\", \"series\": [{\"series\", \"name\", \"labels\", \"value\"}]}." };
        var config = RunCommand.ConfigOption();
        var command = new Command("metrics", "Poll every source rxmon run polls (with --config: its endpoints and databases too) once (two readings one second apart, for rates) and print each series and its value.")
        {
            json,
            config,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var time = TimeProvider.System;
            var probe = await MachineProbe.CollectAsync(result.GetValue(config), "rxmon metrics", result.InvocationConfiguration.Error, time, cancellationToken).ConfigureAwait(false);
            if (probe is null)
            {
                return RunCommand.BadConfiguration;
            }

            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                stdout.WriteLine(OutputJson.Serialize(new
                {
                    timestamp = time.GetUtcNow(),
                    series = probe.Samples.Select(static s => new
                    {
                        series = s.Key.ToString(),
                        name = s.Key.Name,
                        labels = s.Key.Labels.ToDictionary(static l => l.Name, static l => l.Value, StringComparer.Ordinal),
                        value = s.Value,
                    }),
                }));
            }
            else
            {
                foreach (var sample in probe.Samples)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample.Key} {sample.Value:R}"));
                }
            }

            foreach (var failure in probe.Failures)
            {
                result.InvocationConfiguration.Error.WriteLine($"rxmon metrics: source {failure}");
            }

            return probe.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
