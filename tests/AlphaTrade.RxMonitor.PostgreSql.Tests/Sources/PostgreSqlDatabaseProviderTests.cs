using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.PostgreSql.Tests.Sources;

/// <summary>The <c>postgresql</c> provider's checks of a configured database (no server needed).</summary>
public sealed class PostgreSqlDatabaseProviderTests
{
    private static List<string> Validate(string connectionString) =>
        new PostgreSqlDatabaseProvider().Validate(new DatabaseSourceOptions { Name = "orders", Provider = "postgresql", ConnectionString = connectionString }, KeyPath.Section("RxMonitor:Sources:Databases:1")).Select(static p => p.ToString()).ToList();

    [Fact]
    public void Validate_NpgsqlConnectionString_NoProblem() =>
        Assert.Empty(Validate("Host=127.0.0.1;Port=5432;Database=orders;Username=monitor"));

    [Fact]
    public void Validate_UnknownKeyword_NamesTheConnectionStringKey()
    {
        Assert.Equal(["RxMonitor:Sources:Databases:1:ConnectionString: not a PostgreSQL connection string: 'colour': unknown keyword."], Validate("Host=db;Colour=blue"));
    }

    [Fact]
    public void Validate_PortNotANumber_SaysTheValueIsInvalid() =>
        Assert.Equal(["RxMonitor:Sources:Databases:1:ConnectionString: not a PostgreSQL connection string: 'port': invalid value."], Validate("Host=db;Port=abc"));

    [Fact]
    public void Validate_NoHost_SaysSo() =>
        Assert.Equal(["RxMonitor:Sources:Databases:1:ConnectionString: names no server (Host=…)."], Validate("Database=orders"));

    [Fact]
    public void Create_ThreeSourcesOnTheDatabasesInterval_WithoutConnecting()
    {
        using var database = new PostgreSqlDatabaseProvider().Create(
            new DatabaseSourceOptions { Name = "orders", Provider = "postgresql", ConnectionString = "Host=127.0.0.1;Port=1", Interval = TimeSpan.FromSeconds(30) },
            TimeProvider.System);

        Assert.Equal(["db-probe.orders", "postgresql-activity.orders", "db.orders"], database.Sources.Select(static s => s.Name));
        Assert.Equal(TimeSpan.FromSeconds(30), database.Interval);
        Assert.Equal("database:orders", new DatabaseHealth(database.Metrics).Name);
    }
}
