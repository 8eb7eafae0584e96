using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Sqlite.History;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>The <c>notifications</c> table (the notification log): each notification is inserted when it is staged.</summary>
/// <remarks>Nothing waits for the flush and nothing is remembered across batches: a rollback takes the rows with it.</remarks>
internal sealed class NotificationTableWriter : ITableWriter
{
    private readonly JsonColumnBuffer _json;
    private readonly RawStatement _insert;

    public NotificationTableWriter(sqlite3 db, JsonColumnBuffer json)
    {
        _json = json;
        _insert = new RawStatement(db, """
            INSERT INTO notifications (id, at, receiver, group_key, group_labels, kind, alerts)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """);
    }

    /// <summary>Inserts <paramref name="notification"/> in the open transaction.</summary>
    public void Stage(AlertNotification notification)
    {
        _insert.Bind(1, notification.Id.ToString());
        _insert.Bind(2, notification.Timestamp.ToUnixTimeMilliseconds());
        _insert.Bind(3, notification.Receiver);
        _insert.Bind(4, notification.GroupKey);
        _insert.Bind(5, _json.Write(static (json, labels) => AlertJson.WriteLabels(json, labels), notification.GroupLabels));
        _insert.Bind(6, (long)notification.Kind);
        _insert.Bind(7, _json.Write(static (json, notification) => StoreJson.WriteAlerts(json, notification), notification));
        _insert.Execute();
    }

    /// <summary>Nothing waits: each row was inserted when staged.</summary>
    public void Flush()
    {
    }

    /// <summary>Nothing to remember.</summary>
    public void Committed()
    {
    }

    /// <summary>Nothing to forget: the rollback removed the rows.</summary>
    public void Abandon()
    {
    }

    public void Dispose() => _insert.Dispose();
}
