using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sqlite.Tests;

public sealed class SqliteStoreOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoProblem() => Assert.Empty(new SqliteStoreOptions().Problems(SqliteStoreOptions.Section));

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

        var error = Assert.Throws<ConfigurationException>(() => options.ThrowIfInvalid(SqliteStoreOptions.Section));

        Assert.Contains("RxMonitor:Sqlite:Path: must name a database file.", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sqlite:BatchSize: must be positive (was 0).", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sqlite:QueueCapacity: must be positive (was -1).", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sqlite:BatchDelay: must not be negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sqlite:OneMinuteRetention: must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sqlite:MaxDatabaseBytes: must be 0 (no limit) or positive (was -5).", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Problems.Count);
    }
}
