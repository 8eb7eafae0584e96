using System.Globalization;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Crash;

/// <summary>
/// The test assembly's entry point, used as the child process of the crash-safety test:
/// <c>dotnet AlphaTrade.RxMonitor.Sqlite.Tests.dll crash-writer PATH [Normal|Full]</c> writes alert transitions
/// as fast as the store takes them (transition n carries value n) and prints <c>committed N</c> after each
/// committed batch, N being the batch's last transition id, until it is killed.
/// </summary>
public static class CrashWriterProgram
{
    public const string Command = "crash-writer";

    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != Command)
        {
            Console.Error.WriteLine($"usage: {Command} PATH [Normal|Full]");
            return 2;
        }

        var output = Console.Out;
        var options = new SqliteStoreOptions
        {
            Path = args[1],
            Synchronous = args.Length > 2 ? Enum.Parse<SqliteSynchronousMode>(args[2]) : SqliteSynchronousMode.Normal,
            BatchSize = 2_000,
            BatchDelay = TimeSpan.Zero,
            QueueCapacity = 50_000,
            OnBatchCommitted = statistics =>
            {
                output.WriteLine("committed " + statistics.LastTransitionId.ToString(CultureInfo.InvariantCulture));
                output.Flush();
            },
        };
        var store = SqliteStore.Open(options);
        if (store.Health.Status != RxMonitor.Health.HealthStatus.Healthy)
        {
            Console.Error.WriteLine(store.Health.Description);
            return 1;
        }

        var start = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var alerts = Enumerable.Range(0, 100).Select(i =>
        {
            var labels = LabelSet.Create(new Label("alertname", "CrashTest"), new Label("instance", "host-" + i.ToString(CultureInfo.InvariantCulture)));
            return new Alert
            {
                Fingerprint = labels.Fingerprint,
                RuleName = "CrashTest",
                Labels = labels,
                Severity = Severity.Error,
                State = AlertState.Firing,
                ActiveAt = start,
                StartsAt = start,
                UpdatedAt = start,
            };
        }).ToArray();

        for (long n = 1; ; n++)
        {
            // Stay below the queue's capacity so no transition is dropped: ids then equal the values.
            while (store.Statistics.Enqueued - store.Statistics.Committed > 40_000)
            {
                Thread.Yield();
            }

            var alert = alerts[n % alerts.Length] with { Value = n };
            store.AlertHistory.RecordTransition(new AlertTransition(alert, AlertChange.Firing, AlertState.Pending, Severity.Error, start.AddMilliseconds(n)));
        }
    }
}
