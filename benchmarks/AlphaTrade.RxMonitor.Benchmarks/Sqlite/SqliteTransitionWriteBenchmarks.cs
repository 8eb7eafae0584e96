using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Benchmarks.Sqlite;

/// <summary>
/// Alert transitions written to SQLite, per transition: the store (queue → batched raw prepared statements,
/// transition row + alert upsert) against a plain ADO.NET insert loop in one transaction (the baseline).
/// <see cref="StoreRecordTransition"/> records the same 10,000 transitions every invocation, so their timestamps
/// repeat and each lands amid the equal ones of earlier invocations in the <c>at</c> index (a worst case);
/// <see cref="StoreRecordTransitionTimeOrdered"/> records new transitions with increasing timestamps, as an alert
/// manager does (their records are created in the measured loop: the allocation column is theirs, ~100 B each).
/// </summary>
[MemoryDiagnoser]
public class SqliteTransitionWriteBenchmarks
{
    private const int Transitions = 10_000;
    private AlertTransition[] _transitions = [];
    private string _directory = "";
    private SqliteStore _store = null!;
    private SqliteConnection _plain = null!;
    private Alert[] _alerts = [];
    private DateTimeOffset _clock = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _directory = BenchmarkDatabase.NewDirectory("transitions");
        var start = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var alerts = Enumerable.Range(0, 500).Select(i =>
        {
            var labels = LabelSet.Create(new Label("alertname", "LatencyHigh"), new Label("venue", "v" + i), new Label("desk", "rates"));
            return new Alert
            {
                Fingerprint = labels.Fingerprint,
                RuleName = "LatencyHigh",
                Labels = labels,
                Annotations = new Dictionary<string, string> { ["summary"] = "p99 latency above 2 ms" },
                Severity = Severity.Warning,
                State = AlertState.Firing,
                ActiveAt = start,
                StartsAt = start,
                UpdatedAt = start,
                Value = 2.5,
            };
        }).ToArray();
        _alerts = alerts;
        _transitions = [.. Enumerable.Range(0, Transitions).Select(i => new AlertTransition(alerts[i % alerts.Length], AlertChange.Firing, AlertState.Pending, Severity.Warning, start.AddMilliseconds(i)))];
        _store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = Path.Combine(_directory, "store.db"),
            QueueCapacity = Transitions * 2,
            BatchDelay = TimeSpan.Zero,
            MaxDatabaseBytes = 0,
        });
        _plain = new SqliteConnection($"Data Source={Path.Combine(_directory, "store.db")};Pooling=False");
        _plain.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _store.Dispose();
        BenchmarkDatabase.Delete(_directory);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Transitions)]
    public void AdoNetInsertLoop()
    {
        using var transaction = _plain.BeginTransaction();
        using var command = _plain.CreateCommand();
        command.CommandText = """
            INSERT INTO alert_transitions (fingerprint, rule, at, change, previous_state, previous_severity, state, severity,
                kind, value, active_at, starts_at, ends_at, updated_at, flapping, annotations)
            VALUES ($fp, $rule, $at, $change, $ps, $psev, $state, $sev, 0, $value, $active, $starts, NULL, $updated, 0, $annotations)
            """;
        var fp = command.Parameters.Add("$fp", SqliteType.Integer);
        var rule = command.Parameters.Add("$rule", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var change = command.Parameters.Add("$change", SqliteType.Integer);
        var ps = command.Parameters.Add("$ps", SqliteType.Integer);
        var psev = command.Parameters.Add("$psev", SqliteType.Integer);
        var state = command.Parameters.Add("$state", SqliteType.Integer);
        var sev = command.Parameters.Add("$sev", SqliteType.Integer);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var active = command.Parameters.Add("$active", SqliteType.Integer);
        var starts = command.Parameters.Add("$starts", SqliteType.Integer);
        var updated = command.Parameters.Add("$updated", SqliteType.Integer);
        var annotations = command.Parameters.Add("$annotations", SqliteType.Text);
        command.Prepare();
        foreach (var transition in _transitions)
        {
            var alert = transition.Alert;
            fp.Value = unchecked((long)alert.Fingerprint);
            rule.Value = alert.RuleName;
            at.Value = transition.Timestamp.ToUnixTimeMilliseconds();
            change.Value = (int)transition.Change;
            ps.Value = (int?)transition.PreviousState;
            psev.Value = (int?)transition.PreviousSeverity;
            state.Value = (int)alert.State;
            sev.Value = (int)alert.Severity;
            value.Value = alert.Value;
            active.Value = alert.ActiveAt.ToUnixTimeMilliseconds();
            starts.Value = alert.StartsAt.ToUnixTimeMilliseconds();
            updated.Value = alert.UpdatedAt.ToUnixTimeMilliseconds();
            annotations.Value = System.Text.Json.JsonSerializer.Serialize(alert.Annotations);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = Transitions)]
    public void StoreRecordTransition()
    {
        var history = _store.AlertHistory;
        foreach (var transition in _transitions)
        {
            history.RecordTransition(transition);
        }

        _store.FlushAsync().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Transitions)]
    public void StoreRecordTransitionTimeOrdered()
    {
        var history = _store.AlertHistory;
        for (var i = 0; i < Transitions; i++)
        {
            _clock = _clock.AddTicks(TimeSpan.TicksPerMillisecond / 10);
            history.RecordTransition(new AlertTransition(_alerts[i % _alerts.Length], AlertChange.Firing, AlertState.Pending, Severity.Warning, _clock));
        }

        _store.FlushAsync().GetAwaiter().GetResult();
    }
}
