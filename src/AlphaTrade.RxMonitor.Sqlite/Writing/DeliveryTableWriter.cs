using AlphaTrade.RxMonitor.Alerting;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>The <c>notification_deliveries</c> table (which sinks accepted each notification): each delivery is inserted when it is staged.</summary>
/// <remarks>
/// A sink accepts a notification once, so the key (notification, sink) is never written twice by one writer; a repeat is
/// ignored rather than failing the batch. Nothing waits for the flush and nothing is remembered across batches.
/// </remarks>
internal sealed class DeliveryTableWriter : ITableWriter
{
    private readonly RawStatement _insert;

    public DeliveryTableWriter(sqlite3 db) => _insert = new RawStatement(db, """
        INSERT OR IGNORE INTO notification_deliveries (notification_id, sink, at) VALUES (?1, ?2, ?3)
        """);

    /// <summary>Inserts <paramref name="delivery"/> in the open transaction.</summary>
    public void Stage(NotificationDelivery delivery)
    {
        _insert.Bind(1, delivery.NotificationId.ToString());
        _insert.Bind(2, delivery.Sink);
        _insert.Bind(3, delivery.At.ToUnixTimeMilliseconds());
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
