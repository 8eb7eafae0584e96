using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.PostgreSql.Sources;
using AlphaTrade.RxMonitor.PostgreSql.Tests.Support;
using AlphaTrade.RxMonitor.Sources.Database;
using Npgsql;

namespace AlphaTrade.RxMonitor.PostgreSql.Tests.Sources;

/// <summary>The <c>postgresql</c> provider's sources against a real PostgreSQL 15 started for the tests.</summary>
[Collection(PostgreSqlServerGroup.Name)]
[Trait("Category", "Integration")]
public sealed class PostgreSqlDatabaseSourcesTests(PostgreSqlServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LockWait_RowLockHeldByAnotherSession_ShowsInTheLockSeriesAndFiresDatabaseLockWaits()
    {
        await server.ExecuteAsync("CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, balance int); INSERT INTO accounts VALUES (1, 0) ON CONFLICT DO NOTHING");
        using var database = Create("orders", server.ConnectionString());
        var activity = database.Sources.OfType<PostgreSqlActivitySource>().Single();
        var samples = new CollectingObserver();
        var poll = 0;
        await using (var holder = await OpenAsync())
        await using (var waiter = await OpenAsync())
        {
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var update = new NpgsqlCommand("UPDATE accounts SET balance = balance + 1 WHERE id = 1", holder, transaction))
            {
                await update.ExecuteNonQueryAsync();
            }

            await using var blocked = new NpgsqlCommand("UPDATE accounts SET balance = balance - 1 WHERE id = 1", waiter);
            var waiting = blocked.ExecuteNonQueryAsync();
            await WaitForLockWaitAsync();
            for (; poll < 8; poll++)
            {
                activity.Poll(DefaultRuleRun.At(poll), samples);
            }

            Assert.Equal(1, samples.Value(DatabaseMetricNames.LocksWaiting, "orders"));
            Assert.Equal(1, samples.Value(DatabaseMetricNames.SessionsBlocked, "orders"));
            await transaction.RollbackAsync();
            await waiting;
        }

        for (; poll < 12; poll++)
        {
            activity.Poll(DefaultRuleRun.At(poll), samples);
        }

        Assert.Equal(0, samples.Value(DatabaseMetricNames.LocksWaiting, "orders"));
        Assert.Equal(0, samples.Value(DatabaseMetricNames.SessionsBlocked, "orders"));
        var events = DefaultRuleRun.Evaluate("DatabaseLockWaits", [.. samples.Samples.Where(static s => s.Key.Name == DatabaseMetricNames.LocksWaiting)]);
        var firing = Assert.Single(events, static e => e.State == AlertState.Firing);
        Assert.Equal("orders", firing.Labels.Get("db"));
        Assert.Equal(1, firing.Value);
        Assert.Contains(events, e => e.State == AlertState.Resolved && e.Timestamp > firing.Timestamp);
    }

    [Fact]
    public async Task Poll_RunningServer_ProbeUpWithLatencyConnectionSlotsSizeAndFreeDisk()
    {
        using var database = Create("main", server.ConnectionString());
        var samples = new CollectingObserver();

        PollAll(database, DefaultRuleRun.At(0), samples);

        Assert.Equal(1, samples.Value(DatabaseMetricNames.ProbeUp, "main"));
        Assert.InRange(samples.Value(DatabaseMetricNames.ProbeLatencySeconds, "main"), 1e-6, 5);
        Assert.Equal(PostgreSqlServer.MaxConnections - PostgreSqlServer.ReservedConnections, samples.Value(DatabaseMetricNames.PoolMaxConnections, "main"));
        Assert.True(samples.Value(DatabaseMetricNames.PoolUsagePercent, "main") > 0, "the activity source's own connection takes a slot");
        Assert.True(samples.Value(PostgreSqlMetricNames.DatabaseSizeBytes, "main") > 1_000_000);
        Assert.True(samples.Value(DatabaseMetricNames.DiskAvailableBytes, "main") > 0);
        Assert.InRange(samples.Value(DatabaseMetricNames.DiskUsagePercent, "main"), 0, 100);
        Assert.Contains(samples.Samples, static s => s.Key.Name == PostgreSqlMetricNames.Connections && s.Key.Labels.Get("state") == "active");
        Assert.True(samples.Value(DatabaseMetricNames.QueriesTotal, "main") >= 1, "the probe goes through the command instrumentation");
    }

    [Fact]
    public async Task PoolSlots_MostTakenForAMinute_FiresDatabaseConnectionPoolHigh()
    {
        using var database = Create("main", server.ConnectionString());
        var samples = new CollectingObserver();
        var held = new List<NpgsqlConnection>();
        try
        {
            // 14 held + the source's own connection = 15 of 17 slots (88 %).
            for (var i = 0; i < 14; i++)
            {
                held.Add(await OpenAsync());
            }

            for (var poll = 0; poll < 8; poll++)
            {
                PollAll(database, DefaultRuleRun.At(poll), samples);
            }
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        var events = DefaultRuleRun.Evaluate("DatabaseConnectionPoolHigh", [.. samples.Samples.Where(static s => s.Key.Name == DatabaseMetricNames.PoolUsagePercent)]);
        var firing = Assert.Single(events, static e => e.State == AlertState.Firing);
        Assert.True(firing.Value >= 15 * 100.0 / 17 - 1e-9, $"pool usage {firing.Value} %");
    }

    [Fact]
    public async Task StatStatements_ExtensionInstalled_WritesTheHeaviestStatementsWithNormalizedText()
    {
        await server.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await server.ExecuteAsync("SELECT count(*) FROM generate_series(1, 20000)");
        using var database = Create("main", server.ConnectionString());
        var samples = new CollectingObserver();

        database.Sources.OfType<PostgreSqlActivitySource>().Single().Poll(DefaultRuleRun.At(0), samples);

        Assert.Equal(1, samples.Value(PostgreSqlMetricNames.StatStatementsAvailable, "main"));
        var calls = samples.Samples.Where(static s => s.Key.Name == PostgreSqlMetricNames.StatementCallsTotal).ToList();
        Assert.InRange(calls.Count, 1, PostgreSqlActivitySource.MaxStatements);
        var series = Assert.Single(calls, static s => s.Key.Labels.Get("statement")!.Contains("generate_series", StringComparison.Ordinal));
        Assert.DoesNotContain("20000", series.Key.Labels.Get("statement"), StringComparison.Ordinal);
        Assert.NotNull(series.Key.Labels.Get("queryid"));
        Assert.Contains(samples.Samples, s => s.Key.Name == PostgreSqlMetricNames.StatementExecSecondsTotal && s.Key.Labels.Equals(series.Key.Labels));
    }

    [Fact]
    public async Task StatStatements_ExtensionNotInstalled_AvailableZeroAndNoStatementSeries()
    {
        await server.ExecuteAsync("DROP DATABASE IF EXISTS plain");
        await server.ExecuteAsync("CREATE DATABASE plain");
        using var database = Create("plain", server.ConnectionString("plain"));
        var samples = new CollectingObserver();

        database.Sources.OfType<PostgreSqlActivitySource>().Single().Poll(DefaultRuleRun.At(0), samples);

        Assert.Equal(0, samples.Value(PostgreSqlMetricNames.StatStatementsAvailable, "plain"));
        Assert.DoesNotContain(samples.Samples, static s => s.Key.Name.StartsWith("pg_statement_", StringComparison.Ordinal));
        Assert.Equal(0, samples.Value(DatabaseMetricNames.LocksWaiting, "plain"));
    }

    [Fact]
    public void Probe_NoServerOnThePort_DownAndFiresDatabaseProbeDown()
    {
        var closed = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Port = 1, Timeout = 2 }.ToString();
        using var database = Create("gone", closed);
        var probe = database.Sources.OfType<DatabaseProbeSource>().Single();
        var samples = new CollectingObserver();

        for (var poll = 0; poll < 8; poll++)
        {
            probe.Poll(DefaultRuleRun.At(poll), samples);
        }

        Assert.All(samples.Samples.Where(static s => s.Key.Name == DatabaseMetricNames.ProbeUp), static s => Assert.Equal(0, s.Value));
        Assert.DoesNotContain(samples.Samples, static s => s.Key.Name == DatabaseMetricNames.ProbeLatencySeconds);
        var firing = Assert.Single(DefaultRuleRun.Evaluate("DatabaseProbeDown", samples.Samples), static e => e.State == AlertState.Firing);
        Assert.Equal("gone", firing.Labels.Get("db"));
        Assert.False(database.Metrics.GetSnapshot().LastProbeSucceeded);
    }

    private static MonitoredDatabase Create(string name, string connectionString) =>
        new PostgreSqlDatabaseProvider().Create(new DatabaseSourceOptions { Name = name, Provider = "postgresql", ConnectionString = connectionString }, TimeProvider.System);

    private static void PollAll(MonitoredDatabase database, long timestampTicks, CollectingObserver samples)
    {
        // The activity source first: the database metrics publish its connection-slot reading.
        foreach (var source in database.Sources.OrderBy(static s => s is PostgreSqlActivitySource ? 0 : 1))
        {
            source.Poll(timestampTicks, samples);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Pooling = false, ApplicationName = "rxmon-test" }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private async Task WaitForLockWaitAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", connection);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(waited.Elapsed < Patience, "the second session never waited for the row lock");
            await Task.Delay(20);
        }
    }
}
