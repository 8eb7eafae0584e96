using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Schema;

/// <summary>The versioned schema: migration N takes <c>PRAGMA user_version</c> from N-1 to N.</summary>
/// <remarks>
/// Each migration runs in its own transaction together with the <c>user_version</c> update, so a crash
/// mid-migration leaves the previous version intact. Migrations are append-only: never edit a shipped one.
/// Times are UTC: roll-up buckets in unix seconds, everything else in unix milliseconds. A migration is SQL,
/// or SQL plus code where data must be re-encoded (version 2); JSON columns are rewritten with SQLite's JSON functions (version 3).
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

    /// <summary>
    /// Version 2: roll-ups as segments. Each table keeps its name but holds one row per run of buckets of one
    /// series within one chunk (<see cref="Rollups.RollupResolutions.BucketsPerChunk"/> buckets), the buckets
    /// in a BLOB (<see cref="Rollups.RollupSegmentCodec"/>); version 1's one-row-per-bucket rows are moved over by
    /// <see cref="RollupSegmentMigration"/> and the old tables dropped. The index is time-major (chunk, series):
    /// a batch's new segments land in one region of it (the current chunk) instead of one page per series, and a
    /// range query seeks once per chunk.
    /// </summary>
    private const string Version2 = """
        ALTER TABLE rollup_10s RENAME TO rollup_10s_v1;
        ALTER TABLE rollup_1m RENAME TO rollup_1m_v1;
        ALTER TABLE rollup_1h RENAME TO rollup_1h_v1;
        CREATE TABLE rollup_10s (
            id           INTEGER PRIMARY KEY,
            series_id    INTEGER NOT NULL,
            chunk        INTEGER NOT NULL,
            first_bucket INTEGER NOT NULL,
            last_bucket  INTEGER NOT NULL,
            buckets      INTEGER NOT NULL,
            data         BLOB    NOT NULL
        );
        CREATE INDEX rollup_10s_chunk_series ON rollup_10s (chunk, series_id);
        CREATE TABLE rollup_1m (
            id           INTEGER PRIMARY KEY,
            series_id    INTEGER NOT NULL,
            chunk        INTEGER NOT NULL,
            first_bucket INTEGER NOT NULL,
            last_bucket  INTEGER NOT NULL,
            buckets      INTEGER NOT NULL,
            data         BLOB    NOT NULL
        );
        CREATE INDEX rollup_1m_chunk_series ON rollup_1m (chunk, series_id);
        CREATE TABLE rollup_1h (
            id           INTEGER PRIMARY KEY,
            series_id    INTEGER NOT NULL,
            chunk        INTEGER NOT NULL,
            first_bucket INTEGER NOT NULL,
            last_bucket  INTEGER NOT NULL,
            buckets      INTEGER NOT NULL,
            data         BLOB    NOT NULL
        );
        CREATE INDEX rollup_1h_chunk_series ON rollup_1h (chunk, series_id);
        """;

    /// <summary>
    /// Version 3: a notification's alerts in the one alert shape, Alertmanager v2's gettable alert
    /// (<see cref="Exposition.AlertJson"/>): labels with <c>severity</c>, RFC 3339 times, <c>status</c>, the notification's
    /// receiver, and the rule, state, severity, kind, activeAt, value and flapping under <c>rxmonitor</c>. Version 2's
    /// objects (enum numbers, unix milliseconds, flat fields) are rewritten in place.
    /// </summary>
    private const string Version3 = """
        UPDATE notifications SET alerts = (
            SELECT json_group_array(json_object(
                'labels', CASE WHEN json_type(a.value, '$.labels.severity') IS NULL
                    THEN json_set(json_extract(a.value, '$.labels'), '$.severity', s.name)
                    ELSE json(json_extract(a.value, '$.labels')) END,
                'annotations', json(json_extract(a.value, '$.annotations')),
                'startsAt', strftime('%Y-%m-%dT%H:%M:%S', json_extract(a.value, '$.startsAt') / 1000, 'unixepoch')
                    || printf('.%03dZ', json_extract(a.value, '$.startsAt') % 1000),
                'endsAt', CASE WHEN json_type(a.value, '$.endsAt') IS NULL THEN '0001-01-01T00:00:00Z'
                    ELSE strftime('%Y-%m-%dT%H:%M:%S', json_extract(a.value, '$.endsAt') / 1000, 'unixepoch')
                        || printf('.%03dZ', json_extract(a.value, '$.endsAt') % 1000) END,
                'updatedAt', strftime('%Y-%m-%dT%H:%M:%S', json_extract(a.value, '$.updatedAt') / 1000, 'unixepoch')
                    || printf('.%03dZ', json_extract(a.value, '$.updatedAt') % 1000),
                'fingerprint', json_extract(a.value, '$.fingerprint'),
                'status', json_object(
                    'state', CASE WHEN json_array_length(a.value, '$.silencedBy') + json_array_length(a.value, '$.inhibitedBy') > 0
                        THEN 'suppressed' ELSE 'active' END,
                    'silencedBy', json(json_extract(a.value, '$.silencedBy')),
                    'inhibitedBy', json(json_extract(a.value, '$.inhibitedBy'))),
                'receivers', json_array(json_object('name', notifications.receiver)),
                'rxmonitor', json_object(
                    'rule', json_extract(a.value, '$.rule'),
                    'state', CASE json_extract(a.value, '$.state') WHEN 0 THEN 'pending' WHEN 1 THEN 'firing' ELSE 'resolved' END,
                    'severity', s.name,
                    'kind', CASE json_extract(a.value, '$.kind') WHEN 1 THEN 'noData' WHEN 2 THEN 'ruleFault' ELSE 'condition' END,
                    'activeAt', strftime('%Y-%m-%dT%H:%M:%S', json_extract(a.value, '$.activeAt') / 1000, 'unixepoch')
                        || printf('.%03dZ', json_extract(a.value, '$.activeAt') % 1000),
                    'value', json_extract(a.value, '$.value'),
                    'flapping', json(CASE WHEN json_extract(a.value, '$.flapping') THEN 'true' ELSE 'false' END),
                    'series', NULL)))
            FROM json_each(notifications.alerts) AS a
            JOIN (SELECT 0 AS level, 'info' AS name UNION ALL SELECT 1, 'warning' UNION ALL SELECT 2, 'error' UNION ALL SELECT 3, 'critical') AS s
                ON s.level = json_extract(a.value, '$.severity'));
        """;

    /// <summary>
    /// Version 4: which sinks accepted each notification (Alertmanager keys its notification log per integration), so a
    /// restart restores each sink's log. One row per (notification, sink), written when the sink accepts it; the index on
    /// <c>notifications (id)</c> serves the join and retention's delete of a notification's deliveries, the one on
    /// <c>at</c> the delete of deliveries whose notification was never stored. Rows of version 3 have no deliveries.
    /// </summary>
    private const string Version4 = """
        CREATE TABLE notification_deliveries (
            notification_id TEXT    NOT NULL,
            sink            TEXT    NOT NULL,
            at              INTEGER NOT NULL,
            PRIMARY KEY (notification_id, sink)
        ) WITHOUT ROWID;
        CREATE INDEX notification_deliveries_at ON notification_deliveries (at);
        CREATE INDEX notifications_id ON notifications (id);
        """;

    private static readonly Action<SqliteConnection, SqliteTransaction>[] Migrations =
    [
        static (connection, transaction) => Execute(connection, Version1, transaction),
        static (connection, transaction) =>
        {
            Execute(connection, Version2, transaction);
            RollupSegmentMigration.MoveVersion1Rows(connection, transaction);
            Execute(connection, "DROP TABLE rollup_10s_v1; DROP TABLE rollup_1m_v1; DROP TABLE rollup_1h_v1;", transaction);
        },
        static (connection, transaction) => Execute(connection, Version3, transaction),
        static (connection, transaction) => Execute(connection, Version4, transaction),
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies the migrations after <paramref name="currentVersion"/> up to <paramref name="targetVersion"/> (default: the latest), each in its own transaction.</summary>
    public static void Apply(SqliteConnection connection, int currentVersion, int? targetVersion = null)
    {
        for (var version = currentVersion + 1; version <= (targetVersion ?? LatestVersion); version++)
        {
            using var transaction = connection.BeginTransaction();
            Migrations[version - 1](connection, transaction);
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
