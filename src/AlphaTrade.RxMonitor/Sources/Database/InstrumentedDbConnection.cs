using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>
/// An ADO.NET connection that wraps any provider's connection and reports to a <see cref="DatabaseMetrics"/>:
/// opens and closes (pool usage) and, through the commands it creates, every command's duration, outcome and rows.
/// </summary>
/// <remarks>
/// Everything else is passed through to <see cref="Inner"/>. Transactions are the provider's own. Thread
/// safety is the provider's (ADO.NET connections are not thread-safe). Disposing disposes the inner connection.
/// </remarks>
public sealed class InstrumentedDbConnection : DbConnection
{
    private bool _countedOpen;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The provider's connection (open or not).</param>
    /// <param name="metrics">Where to report.</param>
    public InstrumentedDbConnection(DbConnection inner, DatabaseMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(metrics);
        Inner = inner;
        Metrics = metrics;
        if (inner.State == ConnectionState.Open)
        {
            CountOpen();
        }
    }

    /// <summary>The provider's connection.</summary>
    public DbConnection Inner { get; }

    /// <summary>Where this connection reports.</summary>
    public DatabaseMetrics Metrics { get; }

    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => Inner.ConnectionString = value;
    }

    /// <inheritdoc />
    public override string Database => Inner.Database;

    /// <inheritdoc />
    public override string DataSource => Inner.DataSource;

    /// <inheritdoc />
    public override string ServerVersion => Inner.ServerVersion;

    /// <inheritdoc />
    public override ConnectionState State => Inner.State;

    /// <inheritdoc />
    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    /// <inheritdoc />
    public override void Open()
    {
        Inner.Open();
        CountOpen();
    }

    /// <inheritdoc />
    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Inner.OpenAsync(cancellationToken);
        CountOpen();
    }

    /// <inheritdoc />
    public override void Close()
    {
        Inner.Close();
        CountClose();
    }

    /// <inheritdoc />
    public override async Task CloseAsync()
    {
        await Inner.CloseAsync();
        CountClose();
    }

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Inner.BeginTransaction(isolationLevel);

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => new InstrumentedDbCommand(Inner.CreateCommand(), this);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
            CountClose();
        }

        base.Dispose(disposing);
    }

    private void CountOpen()
    {
        if (!_countedOpen)
        {
            _countedOpen = true;
            Metrics.ConnectionOpened();
        }
    }

    private void CountClose()
    {
        if (_countedOpen)
        {
            _countedOpen = false;
            Metrics.ConnectionClosed();
        }
    }
}
