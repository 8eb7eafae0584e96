using System.Text;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Sqlite.Health;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>The <c>alert_transitions</c> table: every transition, in queue order; each alert's last one of the batch goes on to its <c>alerts</c> row.</summary>
/// <remarks>
/// Transitions go <see cref="RowsPerStatement"/> rows per INSERT: one step, reset and VDBE run for many rows. Rowids
/// of one INSERT are consecutive (the one writer appends), so the last one gives every row's id. When a batch
/// commits, its last rowid becomes <see cref="SqliteStoreStatistics.LastTransitionId"/>.
/// </remarks>
internal sealed class TransitionTableWriter : ITableWriter
{
    private const int RowsPerStatement = 16;
    private const int Columns = 18;
    private readonly sqlite3 _db;
    private readonly AlertColumns _columns;
    private readonly AlertTableWriter _alerts;
    private readonly StoreCounters _counters;
    private readonly RawStatement _insertOne;
    private readonly RawStatement _insertMany;
    private readonly AlertTransition[] _pending = new AlertTransition[RowsPerStatement];
    private int _count;
    private long _lastId;

    public TransitionTableWriter(sqlite3 db, AlertColumns columns, AlertTableWriter alerts, StoreCounters counters)
    {
        _db = db;
        _columns = columns;
        _alerts = alerts;
        _counters = counters;
        _insertOne = new RawStatement(db, InsertSql(1));
        _insertMany = new RawStatement(db, InsertSql(RowsPerStatement));
    }

    /// <summary>Adds a transition to the batch; every <see cref="RowsPerStatement"/> of them are inserted at once.</summary>
    public void Stage(AlertTransition transition)
    {
        _pending[_count++] = transition;
        if (_count == RowsPerStatement)
        {
            Insert(_insertMany, RowsPerStatement);
        }
    }

    public void Flush()
    {
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            _pending[0] = _pending[i];
            Insert(_insertOne, 1);
        }

        // Drop the references, so the batch's transitions are not kept alive until their slots are reused.
        Array.Clear(_pending, 0, count);
        _count = 0;
    }

    public void Committed()
    {
        if (_lastId != 0)
        {
            Interlocked.Exchange(ref _counters.LastTransitionId, _lastId);
            _lastId = 0;
        }
    }

    public void Abandon()
    {
        Array.Clear(_pending);
        _count = 0;
        _lastId = 0;
    }

    public void Dispose()
    {
        _insertOne.Dispose();
        _insertMany.Dispose();
    }

    private static string InsertSql(int rows)
    {
        var sql = new StringBuilder("""
            INSERT INTO alert_transitions (fingerprint, rule, at, change, previous_state, previous_severity, state, severity,
                kind, value, active_at, starts_at, ends_at, updated_at, flapping, silenced_by, inhibited_by, annotations) VALUES
            """);
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? " (" : ", (");
            for (var column = 0; column < Columns; column++)
            {
                sql.Append(column == 0 ? "?" : ", ?");
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private void Insert(RawStatement statement, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            var transition = _pending[row];
            var alert = transition.Alert;
            var at = row * Columns;
            statement.Bind(at + 1, unchecked((long)alert.Fingerprint));
            statement.Bind(at + 2, _columns.RuleName(alert.RuleName));
            statement.Bind(at + 3, transition.Timestamp.ToUnixTimeMilliseconds());
            statement.Bind(at + 4, (long)transition.Change);
            statement.BindNullable(at + 5, (int?)transition.PreviousState);
            statement.BindNullable(at + 6, (int?)transition.PreviousSeverity);
            _columns.BindState(statement, at + 7, alert);
        }

        statement.Execute();
        var last = raw.sqlite3_last_insert_rowid(_db);
        for (var row = 0; row < rows; row++)
        {
            _alerts.Stage(_pending[row].Alert, last - rows + 1 + row);
            _pending[row] = null!;
        }

        _count = 0;
        _lastId = last;
    }
}
