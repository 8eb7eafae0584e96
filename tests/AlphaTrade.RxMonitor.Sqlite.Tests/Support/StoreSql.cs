using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Support;

/// <summary>Reads a store's file directly, for asserting on its layout.</summary>
internal static class StoreSql
{
    public static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return Scalar(connection, sql);
    }

    /// <summary>Runs <paramref name="sql"/> on an open connection (e.g. the store's own writing one, for a pragma) and returns its first value.</summary>
    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
