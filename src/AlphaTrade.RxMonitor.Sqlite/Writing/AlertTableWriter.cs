using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Sqlite.History;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>The <c>alerts</c> table: each alert's current row, upserted once per batch from the batch's last transition of it.</summary>
/// <remarks>A burst of changes to one alert costs one upsert per batch. Fed by <see cref="TransitionTableWriter"/>, which knows the transitions' rowids.</remarks>
internal sealed class AlertTableWriter : ITableWriter
{
    // Bounds the labels cache (labels' JSON by fingerprint): alerts come and go, the cache must not grow with them.
    private const int LabelsLimit = 100_000;
    private readonly Dictionary<ulong, (Alert Alert, long TransitionId)> _pending = [];
    private readonly Dictionary<ulong, byte[]> _labelsJson = [];
    private readonly AlertColumns _columns;
    private readonly RawStatement _upsert;

    public AlertTableWriter(sqlite3 db, AlertColumns columns)
    {
        _columns = columns;
        _upsert = new RawStatement(db, """
            INSERT INTO alerts (fingerprint, rule, labels, state, severity, kind, value, active_at, starts_at, ends_at,
                updated_at, flapping, silenced_by, inhibited_by, annotations, last_transition_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            ON CONFLICT (fingerprint) DO UPDATE SET rule = excluded.rule, state = excluded.state, severity = excluded.severity,
                kind = excluded.kind, value = excluded.value, active_at = excluded.active_at, starts_at = excluded.starts_at,
                ends_at = excluded.ends_at, updated_at = excluded.updated_at, flapping = excluded.flapping,
                silenced_by = excluded.silenced_by, inhibited_by = excluded.inhibited_by, annotations = excluded.annotations,
                last_transition_id = excluded.last_transition_id
            """);
    }

    /// <summary>Makes <paramref name="alert"/>, as of transition <paramref name="transitionId"/>, the row the batch writes for it (a later one of the batch replaces it).</summary>
    public void Stage(Alert alert, long transitionId) => _pending[alert.Fingerprint] = (alert, transitionId);

    public void Flush()
    {
        foreach (var (alert, transitionId) in _pending.Values)
        {
            _upsert.Bind(1, unchecked((long)alert.Fingerprint));
            _upsert.Bind(2, _columns.RuleName(alert.RuleName));
            _upsert.Bind(3, LabelsJson(alert));
            _columns.BindState(_upsert, 4, alert);
            _upsert.Bind(16, transitionId);
            _upsert.Execute();
        }

        _pending.Clear();
    }

    /// <summary>Nothing to remember: the flush emptied the batch.</summary>
    public void Committed()
    {
    }

    public void Abandon()
    {
        _pending.Clear();
        _labelsJson.Clear();
    }

    public void Dispose() => _upsert.Dispose();

    private ReadOnlySpan<byte> LabelsJson(Alert alert)
    {
        if (_labelsJson.TryGetValue(alert.Fingerprint, out var cached))
        {
            return cached;
        }

        if (_labelsJson.Count >= LabelsLimit)
        {
            _labelsJson.Clear();
        }

        var json = _columns.Json.Write(static (writer, labels) => AlertJson.WriteLabels(writer, labels), alert.Labels).ToArray();
        _labelsJson[alert.Fingerprint] = json;
        return json;
    }
}
