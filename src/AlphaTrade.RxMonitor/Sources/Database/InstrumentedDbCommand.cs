using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>A command created by an <see cref="InstrumentedDbConnection"/>: each execution is timed and reported.</summary>
/// <remarks>
/// Duration runs from the call to its return (for readers: until the reader is returned, i.e. time to the
/// first result); rows are the provider's rows affected (readers report their <c>RecordsAffected</c>, which is
/// −1, counted as 0, for SELECTs). A command that throws is recorded as failed, and as lock contention when
/// the database's classifier says so (its duration counted as lock wait); the exception is rethrown unchanged.
/// </remarks>
public sealed class InstrumentedDbCommand : DbCommand
{
    private readonly DbCommand _inner;
    private InstrumentedDbConnection? _connection;

    internal InstrumentedDbCommand(DbCommand inner, InstrumentedDbConnection connection)
    {
        _inner = inner;
        _connection = connection;
    }

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText
    {
        get => _inner.CommandText;
        set => _inner.CommandText = value;
    }

    /// <inheritdoc />
    public override int CommandTimeout
    {
        get => _inner.CommandTimeout;
        set => _inner.CommandTimeout = value;
    }

    /// <inheritdoc />
    public override CommandType CommandType
    {
        get => _inner.CommandType;
        set => _inner.CommandType = value;
    }

    /// <inheritdoc />
    public override bool DesignTimeVisible
    {
        get => _inner.DesignTimeVisible;
        set => _inner.DesignTimeVisible = value;
    }

    /// <inheritdoc />
    public override UpdateRowSource UpdatedRowSource
    {
        get => _inner.UpdatedRowSource;
        set => _inner.UpdatedRowSource = value;
    }

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            _connection = value as InstrumentedDbConnection;
            _inner.Connection = value is InstrumentedDbConnection wrapped ? wrapped.Inner : value;
        }
    }

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    /// <inheritdoc />
    protected override DbTransaction? DbTransaction
    {
        get => _inner.Transaction;
        set => _inner.Transaction = value;
    }

    /// <inheritdoc />
    public override void Cancel() => _inner.Cancel();

    /// <inheritdoc />
    public override void Prepare() => _inner.Prepare();

    /// <inheritdoc />
    public override int ExecuteNonQuery()
    {
        var started = Start();
        try
        {
            var rows = _inner.ExecuteNonQuery();
            Succeeded(started, rows);
            return rows;
        }
        catch (Exception ex)
        {
            Failed(started, ex);
            throw;
        }
    }

    /// <inheritdoc />
    public override object? ExecuteScalar()
    {
        var started = Start();
        try
        {
            var value = _inner.ExecuteScalar();
            Succeeded(started, 0);
            return value;
        }
        catch (Exception ex)
        {
            Failed(started, ex);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var started = Start();
        try
        {
            var rows = await _inner.ExecuteNonQueryAsync(cancellationToken);
            Succeeded(started, rows);
            return rows;
        }
        catch (Exception ex)
        {
            Failed(started, ex);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var started = Start();
        try
        {
            var value = await _inner.ExecuteScalarAsync(cancellationToken);
            Succeeded(started, 0);
            return value;
        }
        catch (Exception ex)
        {
            Failed(started, ex);
            throw;
        }
    }

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var started = Start();
        try
        {
            var reader = _inner.ExecuteReader(behavior);
            Succeeded(started, reader.RecordsAffected);
            return reader;
        }
        catch (Exception ex)
        {
            Failed(started, ex);
            throw;
        }
    }

    /// <inheritdoc />
    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var started = Start();
        try
        {
            var reader = await _inner.ExecuteReaderAsync(behavior, cancellationToken);
            Succeeded(started, reader.RecordsAffected);
            return reader;
        }
        catch (Exception ex)
        {
            Failed(started, ex);
            throw;
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private long Start() => _connection?.Metrics.TimeProvider.GetTimestamp() ?? 0;

    private void Succeeded(long started, long rows)
    {
        if (_connection is { } c)
        {
            c.Metrics.RecordCommand(_inner.CommandText ?? string.Empty, c.Metrics.TimeProvider.GetElapsedTime(started), success: true, rows);
        }
    }

    private void Failed(long started, Exception error)
    {
        if (_connection is not { } c)
        {
            return;
        }

        var elapsed = c.Metrics.TimeProvider.GetElapsedTime(started);
        c.Metrics.RecordCommand(_inner.CommandText ?? string.Empty, elapsed, success: false);
        if (c.Metrics.IsLockContention(error))
        {
            c.Metrics.RecordLockContention(elapsed);
        }
    }
}
