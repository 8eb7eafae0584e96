using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.History;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>The <c>series</c> table: a series' row is upserted the first time a batch needs its rowid, and the rowid cached.</summary>
/// <remarks>
/// Rows are written when their rowid is asked for (the roll-ups' segments need it), not at the flush. The cache
/// (<see cref="SeriesIdCache"/>, two generations of 100,000: the default live-series cap of an ingest) forgets the
/// series a failed batch added, since their rows were rolled back with it.
/// </remarks>
internal sealed class SeriesTableWriter : ITableWriter
{
    private const int IdsPerGeneration = 100_000;
    private readonly SeriesIdCache _ids = new(IdsPerGeneration);
    private readonly List<SeriesKey> _added = [];
    private readonly RawStatement _upsert;
    private readonly JsonColumnBuffer _json;

    public SeriesTableWriter(sqlite3 db, JsonColumnBuffer json)
    {
        _json = json;
        _upsert = new RawStatement(db, """
            INSERT INTO series (key, name, labels, fingerprint) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id
            """);
    }

    /// <summary>The rowid of <paramref name="key"/>'s row, upserting the row in the open transaction when it is not cached.</summary>
    public long Id(SeriesKey key)
    {
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        _upsert.Bind(1, key.ToString());
        _upsert.Bind(2, key.Name);
        _upsert.Bind(3, _json.Write(static (json, labels) => AlertJson.WriteLabels(json, labels), key.Labels));
        _upsert.Bind(4, unchecked((long)key.Labels.With(new Label(MetricNames.NameLabel, key.Name)).Fingerprint));
        id = _upsert.ExecuteScalarInt64();
        _ids.Add(key, id);
        _added.Add(key);
        return id;
    }

    /// <summary>Nothing waits: each row was upserted when its rowid was first asked for.</summary>
    public void Flush()
    {
    }

    public void Committed() => _added.Clear();

    public void Abandon()
    {
        foreach (var key in _added)
        {
            _ids.Remove(key);
        }

        _added.Clear();
    }

    public void Dispose() => _upsert.Dispose();
}
