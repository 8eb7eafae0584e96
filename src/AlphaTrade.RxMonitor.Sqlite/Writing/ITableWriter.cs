namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// One table's part of the store writer's batch: each writer stages the writes of its table (its own typed
/// <c>Stage</c>, inside the open transaction), and the loop calls every table writer alike around the commit.
/// </summary>
/// <remarks>
/// Called on the writer task only. A batch ends in exactly one of <see cref="Committed"/> or <see cref="Abandon"/>,
/// so a table writer keeps nothing from a batch that failed: after a rollback the file holds none of its rows,
/// and neither does any cache of the writer.
/// </remarks>
internal interface ITableWriter : IDisposable
{
    /// <summary>Writes what the batch staged and has not written yet into the open transaction, before the commit.</summary>
    void Flush();

    /// <summary>The batch committed: what it wrote is durable, and the writer may remember it.</summary>
    void Committed();

    /// <summary>The batch was rolled back (or never reached its commit): forget everything it staged.</summary>
    void Abandon();
}
