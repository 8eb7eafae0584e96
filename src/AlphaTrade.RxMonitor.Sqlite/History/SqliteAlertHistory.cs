using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.History;

/// <summary>The durable <see cref="IAlertHistory"/>: transitions, notifications, their deliveries and silences in the SQLite store.</summary>
/// <remarks>
/// <para>Recording hands the entry to the store's writer queue and returns at once: it never blocks on I/O and
/// never throws for run-time failures (a full queue or a failing disk drops the entry, counts it in
/// <see cref="SqliteStore.Statistics"/> and shows in <see cref="SqliteStore.Health"/>). Entries become visible
/// to queries when their batch commits (<see cref="SqliteStore.FlushAsync"/> waits for that).</para>
/// <para>Queries narrow the rows in SQL (rule, severity, state, change, fingerprint, time, receiver, and
/// <c>=</c> label matchers through <c>json_extract</c>) and then apply <see cref="AlertHistoryQuery.Matches(AlertTransition)"/>,
/// so their answers equal the in-memory history's. Times are stored to the millisecond.</para>
/// </remarks>
public sealed class SqliteAlertHistory : IAlertHistory
{
    private const string AlertColumns = "fingerprint, rule, labels, state, severity, kind, value, active_at, starts_at, ends_at, updated_at, flapping, silenced_by, inhibited_by, annotations";
    private readonly SqliteStore _store;

    internal SqliteAlertHistory(SqliteStore store) => _store = store;

    /// <inheritdoc />
    public void RecordTransition(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        _store.TryWrite(StoreWrite.Of(StoreWriteKind.Transition, transition));
    }

    /// <inheritdoc />
    public void RecordNotification(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _store.TryWrite(StoreWrite.Of(StoreWriteKind.Notification, notification));
    }

    /// <inheritdoc />
    public void RecordDelivery(NotificationDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _store.TryWrite(StoreWrite.Of(StoreWriteKind.Delivery, delivery));
    }

    /// <inheritdoc />
    public void RecordSilence(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        _store.TryWrite(StoreWrite.Of(StoreWriteKind.Silence, silence));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AlertTransition>> QueryTransitionsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("""
            SELECT t.fingerprint, t.rule, a.labels, t.state, t.severity, t.kind, t.value, t.active_at, t.starts_at, t.ends_at,
                   t.updated_at, t.flapping, t.silenced_by, t.inhibited_by, t.annotations,
                   t.at, t.change, t.previous_state, t.previous_severity
            FROM alert_transitions t JOIN alerts a ON a.fingerprint = t.fingerprint WHERE 1 = 1
            """);
        AddFilter(sql, command, "t.rule = $rule", "$rule", query.RuleName);
        AddFilter(sql, command, "t.severity = $severity", "$severity", (int?)query.Severity);
        AddFilter(sql, command, "t.severity >= $minSeverity", "$minSeverity", (int?)query.MinimumSeverity);
        AddFilter(sql, command, "t.state = $state", "$state", (int?)query.State);
        AddFilter(sql, command, "t.change = $change", "$change", (int?)query.Change);
        AddFilter(sql, command, "t.fingerprint = $fingerprint", "$fingerprint", query.Fingerprint is { } fp ? unchecked((long)fp) : null);
        AddTimeFilters(sql, command, "t.at", query);
        AddLabelFilters(sql, command, "a.labels", query.LabelMatchers);
        sql.Append(" ORDER BY t.id DESC");
        command.CommandText = sql.ToString();

        var labels = new Dictionary<long, LabelSet>();
        var newest = new List<AlertTransition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (newest.Count < query.Limit && reader.Read())
        {
            var transition = new AlertTransition(
                ReadAlert(reader, labels),
                (AlertChange)reader.GetInt32(16),
                reader.IsDBNull(17) ? null : (AlertState)reader.GetInt32(17),
                reader.IsDBNull(18) ? null : (Severity)reader.GetInt32(18),
                Time(reader.GetInt64(15)));
            if (query.Matches(transition))
            {
                newest.Add(transition);
            }
        }

        newest.Reverse();
        return newest;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AlertNotification>> QueryNotificationsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, at, receiver, group_key, group_labels, kind, alerts FROM notifications WHERE 1 = 1");
        AddFilter(sql, command, "receiver = $receiver", "$receiver", query.Receiver);
        AddTimeFilters(sql, command, "at", query);
        sql.Append(" ORDER BY seq DESC");
        command.CommandText = sql.ToString();

        var newest = new List<AlertNotification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (newest.Count < query.Limit && reader.Read())
        {
            var notification = ReadNotification(reader);
            if (query.Matches(notification))
            {
                newest.Add(notification);
            }
        }

        newest.Reverse();
        return newest;
    }

    /// <inheritdoc />
    /// <remarks>By acceptance time, then notification and sink (the table is keyed by notification and sink and keeps no insertion order).</remarks>
    public async ValueTask<IReadOnlyList<NotificationDelivery>> QueryDeliveriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT notification_id, sink, at FROM notification_deliveries ORDER BY at, notification_id, sink";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<NotificationDelivery>();
        while (reader.Read())
        {
            deliveries.Add(new NotificationDelivery(Guid.Parse(reader.GetString(0)), reader.GetString(1), Time(reader.GetInt64(2))));
        }

        return deliveries;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Silence>> QuerySilencesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadSilencesAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        new(_store.RunOnWriterAsync(() => _store.Retention!.DeleteHistoryBefore(cutoff)).WaitAsync(cancellationToken));

    /// <summary>Loads what the alert manager re-seeds from after a restart, as of the store's clock.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The state as of the last committed batch.</returns>
    /// <exception cref="InvalidOperationException">The database could not be opened.</exception>
    public Task<RecoveredAlertState> LoadRecoveryStateAsync(CancellationToken cancellationToken = default) =>
        LoadRecoveryStateAsync(_store.TimeProvider.GetUtcNow(), cancellationToken).AsTask();

    /// <inheritdoc />
    /// <remarks>
    /// Four indexed queries in one read transaction, instead of reading the whole history: the latest group
    /// notification per (receiver, group key) through the <c>(receiver, group_key)</c> index, the latest one each sink
    /// accepted per (receiver, group key, sink) (the deliveries joined to their notifications through the index on
    /// <c>notifications (id)</c>), the <c>alerts</c> rows that are active (index on <c>state</c>) or owed a resolution,
    /// and the silences not ended (index on <c>ends_at</c>).
    /// Sees what the last committed batch holds.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The database could not be opened.</exception>
    public async ValueTask<RecoveredAlertState> LoadRecoveryStateAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var now = asOf;
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var log = new List<AlertNotification>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT n.id, n.at, n.receiver, n.group_key, n.group_labels, n.kind, n.alerts FROM notifications n
                JOIN (SELECT max(seq) AS seq FROM notifications WHERE kind = $group GROUP BY receiver, group_key) latest ON latest.seq = n.seq
                ORDER BY n.seq
                """;
            command.Parameters.AddWithValue("$group", (int)NotificationKind.Group);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (reader.Read())
            {
                log.Add(ReadNotification(reader));
            }
        }

        var sinkLog = new List<DeliveredNotification>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT latest.sink, n.id, n.at, n.receiver, n.group_key, n.group_labels, n.kind, n.alerts FROM notifications n
                JOIN (SELECT d.sink AS sink, max(g.seq) AS seq FROM notification_deliveries d
                      JOIN notifications g ON g.id = d.notification_id
                      WHERE g.kind = $group GROUP BY g.receiver, g.group_key, d.sink) latest ON latest.seq = n.seq
                ORDER BY n.seq, latest.sink
                """;
            command.Parameters.AddWithValue("$group", (int)NotificationKind.Group);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (reader.Read())
            {
                sinkLog.Add(new DeliveredNotification(reader.GetString(0), ReadNotification(reader, first: 1)));
            }
        }

        var owed = RecoveredAlertState.OwedResolutions(log, sinkLog).Select(static f => unchecked((long)f)).ToHashSet();
        var alerts = new List<Alert>();
        var labels = new Dictionary<long, LabelSet>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE state <> 2 OR fingerprint IN (SELECT value FROM json_each($owed)) ORDER BY fingerprint";
            command.Parameters.AddWithValue("$owed", "[" + string.Join(',', owed.Select(static f => f.ToString(CultureInfo.InvariantCulture))) + "]");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (reader.Read())
            {
                alerts.Add(ReadAlert(reader, labels));
            }
        }

        var silences = await ReadSilencesAsync(connection, now, cancellationToken).ConfigureAwait(false);
        return new RecoveredAlertState(alerts, silences, log, sinkLog, now);
    }

    private static async Task<IReadOnlyList<Silence>> ReadSilencesAsync(SqliteConnection connection, DateTimeOffset? endingAfter, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, matchers, starts_at, ends_at, created_by, comment, updated_at FROM silences WHERE $after IS NULL OR ends_at > $after ORDER BY starts_at, id";
        command.Parameters.AddWithValue("$after", endingAfter is { } after ? after.ToUnixTimeMilliseconds() : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var silences = new List<Silence>();
        while (reader.Read())
        {
            silences.Add(new Silence
            {
                Id = reader.GetString(0),
                Matchers = StoreJson.ReadMatchers(reader.GetString(1)),
                StartsAt = Time(reader.GetInt64(2)),
                EndsAt = Time(reader.GetInt64(3)),
                CreatedBy = reader.GetString(4),
                Comment = reader.GetString(5),
                UpdatedAt = Time(reader.GetInt64(6)),
            });
        }

        return silences;
    }

    private static Alert ReadAlert(SqliteDataReader reader, Dictionary<long, LabelSet> labels)
    {
        var fingerprint = reader.GetInt64(0);
        if (!labels.TryGetValue(fingerprint, out var set))
        {
            set = StoreJson.ReadLabels(reader.GetString(2));
            labels[fingerprint] = set;
        }

        return new Alert
        {
            Fingerprint = unchecked((ulong)fingerprint),
            RuleName = reader.GetString(1),
            Labels = set,
            State = (AlertState)reader.GetInt32(3),
            Severity = (Severity)reader.GetInt32(4),
            Kind = (AlertEventKind)reader.GetInt32(5),
            Value = reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6),
            ActiveAt = Time(reader.GetInt64(7)),
            StartsAt = Time(reader.GetInt64(8)),
            EndsAt = reader.IsDBNull(9) ? null : Time(reader.GetInt64(9)),
            UpdatedAt = Time(reader.GetInt64(10)),
            IsFlapping = reader.GetInt64(11) != 0,
            SilencedBy = StoreJson.ReadStrings(reader.IsDBNull(12) ? null : reader.GetString(12)),
            InhibitedBy = StoreJson.ReadFingerprints(reader.IsDBNull(13) ? null : reader.GetString(13)),
            Annotations = StoreJson.ReadAnnotations(reader.IsDBNull(14) ? null : reader.GetString(14)),
        };
    }

    private static AlertNotification ReadNotification(SqliteDataReader reader, int first = 0) => new()
    {
        Id = Guid.Parse(reader.GetString(first)),
        Timestamp = Time(reader.GetInt64(first + 1)),
        Receiver = reader.GetString(first + 2),
        GroupKey = reader.GetString(first + 3),
        GroupLabels = StoreJson.ReadLabels(reader.GetString(first + 4)),
        Kind = (NotificationKind)reader.GetInt32(first + 5),
        Alerts = StoreJson.ReadAlerts(reader.GetString(first + 6)),
    };

    private static void AddFilter(StringBuilder sql, SqliteCommand command, string condition, string parameter, object? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(condition);
        command.Parameters.AddWithValue(parameter, value);
    }

    private static void AddTimeFilters(StringBuilder sql, SqliteCommand command, string column, AlertHistoryQuery query)
    {
        // Stored times are milliseconds; the exact bounds are applied again by AlertHistoryQuery.Matches.
        AddFilter(sql, command, $"{column} >= $since", "$since", query.Since?.ToUnixTimeMilliseconds());
        AddFilter(sql, command, $"{column} <= $until", "$until", query.Until?.ToUnixTimeMilliseconds());
    }

    private static void AddLabelFilters(StringBuilder sql, SqliteCommand command, string column, IReadOnlyList<LabelMatcher> matchers)
    {
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            if (matcher.Operator != Metrics.MatchOperator.Equal || matcher.Value.Length == 0)
            {
                continue;
            }

            var index = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(CultureInfo.InvariantCulture, $" AND json_extract({column}, $path{index}) = $value{index}");
            command.Parameters.AddWithValue("$path" + index, $"$.\"{matcher.Name}\"");
            command.Parameters.AddWithValue("$value" + index, matcher.Value);
        }
    }

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
