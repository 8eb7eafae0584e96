using System.Collections.Concurrent;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Sqlite.History;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// The <c>silences</c> table: silences upserted when staged, the ids of committed writes kept for
/// <see cref="TakeCommitted"/>, and refused silences kept out for good (<see cref="SqliteStore.RefuseSilence"/>).
/// </summary>
/// <remarks>
/// <see cref="Stage"/>, <see cref="Flush"/>, <see cref="Committed"/> and <see cref="Abandon"/> run on the writer task;
/// <see cref="TakeCommitted"/> and <see cref="Refuse"/> may be called from any thread. A refused silence's writes are
/// skipped from then on, and the next committed batch deletes any row of it (a batch reported as failed may have
/// reached the file), also when no write is queued (<see cref="HasRefusalsToDelete"/>).
/// </remarks>
internal sealed class SilenceTableWriter : ITableWriter
{
    // Silences are written by people, a few at a time; the bounds only keep a long-running host's memory flat.
    private const int RememberedLimit = 1_024;
    private readonly JsonColumnBuffer _json;
    private readonly RawStatement _upsert;
    private readonly RawStatement _delete;
    private readonly List<string> _batchWrites = [];
    private readonly ConcurrentDictionary<string, byte> _committed = new(StringComparer.Ordinal);

    // Refused silences: true once a batch that deleted the id committed.
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.Ordinal);
    private readonly List<string> _batchDeletes = [];
    private int _refusals;
    private int _refusalsDeleted;
    private int _batchRefusalsUpTo;

    public SilenceTableWriter(sqlite3 db, JsonColumnBuffer json)
    {
        _json = json;
        _upsert = new RawStatement(db, """
            INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, created_by = excluded.created_by, comment = excluded.comment,
                updated_at = excluded.updated_at
            WHERE excluded.updated_at >= silences.updated_at
            """);
        _delete = new RawStatement(db, "DELETE FROM silences WHERE id = ?1");
    }

    /// <summary>Whether refusals wait for a batch to delete their rows; the loop opens a transaction for them when nothing else is queued.</summary>
    public bool HasRefusalsToDelete => Volatile.Read(ref _refusals) != _refusalsDeleted;

    /// <summary>Upserts <paramref name="silence"/> in the open transaction, unless it was refused.</summary>
    public void Stage(Silence silence)
    {
        if (_refused.ContainsKey(silence.Id))
        {
            return;
        }

        _upsert.Bind(1, silence.Id);
        _upsert.Bind(2, _json.Write(static (json, matchers) => StoreJson.WriteMatchers(json, matchers), silence.Matchers));
        _upsert.Bind(3, silence.StartsAt.ToUnixTimeMilliseconds());
        _upsert.Bind(4, silence.EndsAt.ToUnixTimeMilliseconds());
        _upsert.Bind(5, silence.CreatedBy);
        _upsert.Bind(6, silence.Comment);
        _upsert.Bind(7, silence.UpdatedAt.ToUnixTimeMilliseconds());
        _upsert.Execute();
        _batchWrites.Add(silence.Id);
    }

    /// <summary>Whether a write of silence <paramref name="id"/> was committed since the last time this was asked for it.</summary>
    public bool TakeCommitted(string id) => _committed.TryRemove(id, out _);

    /// <summary>Keeps silence <paramref name="id"/> out of the store for good; the caller wakes the writer.</summary>
    public void Refuse(string id)
    {
        if (_refused.Count > RememberedLimit)
        {
            foreach (var deleted in _refused.Where(static r => r.Value).Select(static r => r.Key).ToList())
            {
                _refused.TryRemove(deleted, out _);
            }
        }

        _refused[id] = false;
        _committed.TryRemove(id, out _);
        Interlocked.Increment(ref _refusals);
    }

    /// <summary>Deletes the rows of the silences refused and not yet deleted by a committed batch.</summary>
    public void Flush()
    {
        // Read before the ids: a refusal counted later is deleted by a later batch.
        _batchRefusalsUpTo = Volatile.Read(ref _refusals);
        if (_batchRefusalsUpTo == _refusalsDeleted)
        {
            return;
        }

        foreach (var (id, deleted) in _refused)
        {
            if (!deleted)
            {
                _delete.Bind(1, id);
                _delete.Execute();
                _batchDeletes.Add(id);
            }
        }
    }

    public void Committed()
    {
        if (_committed.Count > RememberedLimit)
        {
            _committed.Clear();
        }

        foreach (var id in _batchWrites)
        {
            _committed[id] = 0;
        }

        _batchWrites.Clear();
        foreach (var id in _batchDeletes)
        {
            _refused[id] = true;
        }

        _batchDeletes.Clear();
        _refusalsDeleted = _batchRefusalsUpTo;
    }

    public void Abandon()
    {
        _batchWrites.Clear();
        _batchDeletes.Clear();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
    }
}
