using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Schema;

/// <summary>The versioned schema: migration N takes <c>PRAGMA user_version</c> from N-1 to N.</summary>
/// <remarks>
/// Each migration runs in its own transaction together with the <c>user_version</c> update, so a crash
/// mid-migration leaves the previous version intact. Migrations are append-only: never edit a shipped one.
/// Times are UTC: roll-up buckets in unix seconds, everything else in unix milliseconds.
/// </remarks>
internal static class SchemaMigrations
{
    private const string Version1 = """
        CREATE TABLE series (
            id          INTEGER PRIMARY KEY,
            key         TEXT    NOT NULL UNIQUE,
            name        TEXT    NOT NULL,
            labels      TEXT    NOT NULL,
            fingerprint INTEGER NOT NULL
        );
        CREATE TABLE rollup_10s (
            series_id INTEGER NOT NULL,
            bucket    INTEGER NOT NULL,
            count     INTEGER NOT NULL,
            sum       REAL    NOT NULL,
            min       REAL    NOT NULL,
            max       REAL    NOT NULL,
            last      REAL    NOT NULL,
            sketch    BLOB,
            PRIMARY KEY (series_id, bucket)
        ) WITHOUT ROWID;
        CREATE TABLE rollup_1m (
            series_id INTEGER NOT NULL,
            bucket    INTEGER NOT NULL,
            count     INTEGER NOT NULL,
            sum       REAL    NOT NULL,
            min       REAL    NOT NULL,
            max       REAL    NOT NULL,
            last      REAL    NOT NULL,
            sketch    BLOB,
            PRIMARY KEY (series_id, bucket)
        ) WITHOUT ROWID;
        CREATE TABLE rollup_1h (
            series_id INTEGER NOT NULL,
            bucket    INTEGER NOT NULL,
            count     INTEGER NOT NULL,
            sum       REAL    NOT NULL,
            min       REAL    NOT NULL,
            max       REAL    NOT NULL,
            last      REAL    NOT NULL,
            sketch    BLOB,
            PRIMARY KEY (series_id, bucket)
        ) WITHOUT ROWID;
        CREATE TABLE alerts (
            fingerprint        INTEGER PRIMARY KEY,
            rule               TEXT    NOT NULL,
            labels             TEXT    NOT NULL,
            state              INTEGER NOT NULL,
            severity           INTEGER NOT NULL,
            kind               INTEGER NOT NULL,
            value              REAL,
            active_at          INTEGER NOT NULL,
            starts_at          INTEGER NOT NULL,
            ends_at            INTEGER,
            updated_at         INTEGER NOT NULL,
            flapping           INTEGER NOT NULL,
            silenced_by        TEXT,
            inhibited_by       TEXT,
            annotations        TEXT,
            last_transition_id INTEGER NOT NULL
        );
        CREATE INDEX alerts_state ON alerts (state);
        CREATE TABLE alert_transitions (
            id                INTEGER PRIMARY KEY,
            fingerprint       INTEGER NOT NULL,
            rule              TEXT    NOT NULL,
            at                INTEGER NOT NULL,
            change            INTEGER NOT NULL,
            previous_state    INTEGER,
            previous_severity INTEGER,
            state             INTEGER NOT NULL,
            severity          INTEGER NOT NULL,
            kind              INTEGER NOT NULL,
            value             REAL,
            active_at         INTEGER NOT NULL,
            starts_at         INTEGER NOT NULL,
            ends_at           INTEGER,
            updated_at        INTEGER NOT NULL,
            flapping          INTEGER NOT NULL,
            silenced_by       TEXT,
            inhibited_by      TEXT,
            annotations       TEXT
        );
        -- Indexes cost the write path most (a transition storm is when history matters): "at" is append-only,
        -- "rule" serves the by-type query; a fingerprint index (scattered inserts) halved throughput, so
        -- per-alert queries scan newest first instead.
        CREATE INDEX alert_transitions_at ON alert_transitions (at);
        CREATE INDEX alert_transitions_rule ON alert_transitions (rule);
        CREATE TABLE notifications (
            seq          INTEGER PRIMARY KEY,
            id           TEXT    NOT NULL,
            at           INTEGER NOT NULL,
            receiver     TEXT    NOT NULL,
            group_key    TEXT    NOT NULL,
            group_labels TEXT    NOT NULL,
            kind         INTEGER NOT NULL,
            alerts       TEXT    NOT NULL
        );
        CREATE INDEX notifications_at ON notifications (at);
        CREATE INDEX notifications_receiver_group ON notifications (receiver, group_key);
        CREATE TABLE silences (
            id         TEXT    PRIMARY KEY,
            matchers   TEXT    NOT NULL,
            starts_at  INTEGER NOT NULL,
            ends_at    INTEGER NOT NULL,
            created_by TEXT    NOT NULL,
            comment    TEXT    NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX silences_ends_at ON silences (ends_at);
        """;

    private static readonly string[] Migrations = [Version1];

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies the migrations after <paramref name="currentVersion"/>, each in its own transaction.</summary>
    public static void Apply(SqliteConnection connection, int currentVersion)
    {
        for (var version = currentVersion + 1; version <= LatestVersion; version++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, Migrations[version - 1], transaction);
            Execute(connection, $"PRAGMA user_version = {version.ToString(System.Globalization.CultureInfo.InvariantCulture)}", transaction);
            transaction.Commit();
        }
    }

    /// <summary>
    /// Chooses incremental auto-vacuum on a new, empty database: it can only be chosen before the first table
    /// exists (and before WAL mode initializes the file), and it lets retention give space back.
    /// </summary>
    public static void PrepareNewDatabase(SqliteConnection connection) => Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL");

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
