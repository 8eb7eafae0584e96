using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>A prepared statement reused for every row: bind, step, reset (and, for queries, read columns).</summary>
/// <remarks>
/// Binds values straight into SQLite, so a row costs no boxing and no allocation (ADO.NET parameters box
/// every value, and each column read costs a type check). A reset keeps the bindings, so an integer, real or
/// NULL equal to the one a parameter already holds is not bound again: each bind is a native call that takes
/// the connection's mutex, and rows repeat many values (states, kinds, NULLs). One thread at a time. Errors
/// become <see cref="SqliteException"/>s.
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private const byte Other = 0;
    private const byte Null = 1;
    private const byte Integer = 2;
    private const byte Real = 3;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly byte[] _kinds;
    private readonly long[] _values;

    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement));

        // A fresh statement's parameters are all NULL.
        var parameters = raw.sqlite3_bind_parameter_count(_statement) + 1;
        _kinds = new byte[parameters];
        _values = new long[parameters];
        Array.Fill(_kinds, Null);
    }

    public void Bind(int index, long value)
    {
        if (_kinds[index] == Integer && _values[index] == value)
        {
            return;
        }

        _kinds[index] = Other;
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        _kinds[index] = Integer;
        _values[index] = value;
    }

    public void Bind(int index, double value)
    {
        if (double.IsNaN(value))
        {
            BindNull(index);
            return;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        if (_kinds[index] == Real && _values[index] == bits)
        {
            return;
        }

        _kinds[index] = Other;
        Check(raw.sqlite3_bind_double(_statement, index, value));
        _kinds[index] = Real;
        _values[index] = bits;
    }

    public void Bind(int index, ReadOnlySpan<byte> utf8)
    {
        _kinds[index] = Other;
        Check(raw.sqlite3_bind_text(_statement, index, utf8));
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        _kinds[index] = Other;
        Check(raw.sqlite3_bind_text(_statement, index, value));
    }

    public void BindBlob(int index, ReadOnlySpan<byte> blob)
    {
        _kinds[index] = Other;
        Check(raw.sqlite3_bind_blob(_statement, index, blob));
    }

    /// <summary>Binds <paramref name="value"/>, or NULL when it has none.</summary>
    public void BindNullable(int index, long? value)
    {
        if (value is { } v)
        {
            Bind(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    public void BindNull(int index)
    {
        if (_kinds[index] == Null)
        {
            return;
        }

        _kinds[index] = Other;
        Check(raw.sqlite3_bind_null(_statement, index));
        _kinds[index] = Null;
    }

    /// <summary>Runs the statement to completion and resets it for the next row.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            Check(rc);
        }
    }

    /// <summary>Runs the statement, returns the first column of its first row, and resets it.</summary>
    public long ExecuteScalarInt64()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_ROW)
        {
            raw.sqlite3_reset(_statement);
            Check(rc == raw.SQLITE_DONE ? raw.SQLITE_ERROR : rc);
        }

        var value = raw.sqlite3_column_int64(_statement, 0);
        rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            Check(rc);
        }

        return value;
    }

    /// <summary>Steps a query: true with a row to read, false when done (and then resets the statement).</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    public bool ColumnIsNull(int index) => raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL;

    /// <summary>Resets a query before it is done, so it can be bound and stepped again.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public long ColumnInt64(int index) => raw.sqlite3_column_int64(_statement, index);

    public double ColumnDouble(int index) => raw.sqlite3_column_double(_statement, index);

    /// <summary>The column's bytes; valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> ColumnBlob(int index) => raw.sqlite3_column_blob(_statement, index);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
