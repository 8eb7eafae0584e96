namespace AlphaTrade.RxMonitor.Sqlite.Schema;

/// <summary>Checks, without writing, whether the file at a path can be a SQLite database.</summary>
internal static class DatabaseFileProbe
{
    private static ReadOnlySpan<byte> Header => "SQLite format 3\0"u8;

    /// <summary>
    /// Null when the path is absent, empty or starts with the SQLite header; otherwise why it is not a database.
    /// </summary>
    public static string? Problem(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            return $"'{fullPath}' is a directory, not a SQLite database file";
        }

        if (!File.Exists(fullPath))
        {
            return null;
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[16];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length && buffer.SequenceEqual(Header)
            ? null
            : $"'{fullPath}' is not a SQLite database (it does not start with the SQLite header); the store left it untouched";
    }
}
