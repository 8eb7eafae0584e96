using System.CommandLine;
using System.Globalization;
using AlphaTrade.RxMonitor.Cli.Run;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Cli.Inspect;

/// <summary><c>rxmon health</c>: one collection and the health report (the seed's get_health_metrics).</summary>
/// <remarks>Exit codes: 0 healthy, 1 degraded, 2 unhealthy or invalid configuration (the problems on standard error).</remarks>
internal static class HealthCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: status, the seed's figures (cpuUsagePercent, memoryUsagePercent, diskUsagePercent, …) and every component." };
        var config = RunCommand.ConfigOption();
        var command = new Command("health", "Collect once from the sources rxmon run polls (with --config: its endpoints and databases too) and print the health report. Exit code 0 healthy, 1 degraded, 2 unhealthy (2 also for invalid configuration).")
        {
            json,
            config,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var time = TimeProvider.System;
            var probe = await MachineProbe.CollectAsync(result.GetValue(config), "rxmon health", result.InvocationConfiguration.Error, time, cancellationToken).ConfigureAwait(false);
            if (probe is null)
            {
                return RunCommand.BadConfiguration;
            }

            var latest = new LatestValueStore(time);
            foreach (var sample in probe.Samples)
            {
                latest.OnNext(sample);
            }

            using var monitor = new HealthMonitor(
                [new SystemResourcesHealth(latest, time), new BackgroundTasksHealth(probe.Tasks), new DataFreshnessHealth(probe.Application, time), .. probe.DatabaseHealth],
                time.AsScheduler(),
                new IgnoringFailureListener());
            var health = await monitor.GetHealthMetricsAsync(cancellationToken).ConfigureAwait(false);
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                stdout.WriteLine(OutputJson.Serialize(new
                {
                    status = HealthJson.Word(health.Status),
                    timestamp = health.Timestamp,
                    health.CpuUsagePercent,
                    health.MemoryUsagePercent,
                    health.DiskUsagePercent,
                    health.ConnectionPoolUsagePercent,
                    health.AverageQueryTimeMs,
                    health.FailedQueries,
                    health.DataFreshnessAgeSeconds,
                    components = health.Report.Components.Select(static c => new { name = c.Name, kind = c.Kind, status = HealthJson.Word(c.Status), reason = c.Reason }),
                }));
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                stdout.WriteLine($"status: {HealthJson.Word(health.Status)}");
                stdout.WriteLine(string.Create(c, $"cpu {Figure(health.CpuUsagePercent)} %   memory {Figure(health.MemoryUsagePercent)} %   fullest disk {Figure(health.DiskUsagePercent)} %"));
                foreach (var component in health.Report.Components)
                {
                    stdout.WriteLine($"  {component.Name,-20} {HealthJson.Word(component.Status),-10} {component.Reason}");
                }
            }

            return (int)health.Status;
        });
        return command;
    }

    private static string Figure(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private sealed class IgnoringFailureListener : IFailureListener
    {
        public void OnFailure(PipelineFailure failure)
        {
            // A component whose check throws is already reported as unhealthy in the report itself.
        }
    }
}
