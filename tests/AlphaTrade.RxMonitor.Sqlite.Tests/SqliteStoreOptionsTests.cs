namespace AlphaTrade.RxMonitor.Sqlite.Tests;

public sealed class SqliteStoreOptionsTests
{
    [Fact]
    public void Validate_Defaults_DoesNotThrow() => new SqliteStoreOptions().Validate();

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOneWithItsPath()
    {
        var options = new SqliteStoreOptions
        {
            Path = " ",
            BatchSize = 0,
            QueueCapacity = -1,
            BatchDelay = TimeSpan.FromSeconds(-1),
            OneMinuteRetention = TimeSpan.Zero,
            MaxDatabaseBytes = -5,
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Sqlite.Path: must name a database file.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite.BatchSize: must be positive (was 0).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite.QueueCapacity: must be positive (was -1).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite.BatchDelay: must not be negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite.OneMinuteRetention: must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite.MaxDatabaseBytes: must be 0 (no limit) or positive (was -5).", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, options.GetProblems().Count);
    }
}
