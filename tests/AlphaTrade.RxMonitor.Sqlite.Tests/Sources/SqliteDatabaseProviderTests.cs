using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sqlite.Sources;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Sources;

/// <summary>The <c>sqlite</c> database provider: its checks of a configured database and the sources it builds, on real files.</summary>
public sealed class SqliteDatabaseProviderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rxmon-sqlite-provider-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static List<string> Validate(string connectionString) =>
        new SqliteDatabaseProvider().Validate(Options(connectionString), KeyPath.Section("RxMonitor:Sources:Databases:0")).Select(static p => p.ToString()).ToList();

    private static DatabaseSourceOptions Options(string connectionString) =>
        new() { Name = "orders", Provider = "sqlite", ConnectionString = connectionString };

    [Fact]
    public void Validate_FileConnectionString_NoProblem() =>
        Assert.Empty(Validate("Data Source=orders.db;Cache=Shared"));

    [Theory]
    [InlineData("Data Source=:memory:", "an in-memory database cannot be watched from outside; name a database file.")]
    [InlineData("Mode=Memory;Data Source=x", "an in-memory database cannot be watched from outside; name a database file.")]
    [InlineData("Cache=Shared", "names no database file (Data Source=PATH).")]
    [InlineData("Data Sorce=x.db", "not a SQLite connection string: Connection string keyword 'data sorce' is not supported.")]
    public void Validate_UnusableConnectionString_NamesTheKey(string connectionString, string problem) =>
        Assert.Equal([$"RxMonitor:Sources:Databases:0:ConnectionString: {problem}"], Validate(connectionString));

    [Fact]
    public void Poll_ExistingFile_ProbeUpAndStorageFigures()
    {
        var path = Path.Combine(_directory.FullName, "orders.db");
        using (var setup = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            setup.Open();
            using var command = setup.CreateCommand();
            command.CommandText = "CREATE TABLE orders (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        var samples = PollAll($"Data Source={path}");

        Assert.Equal(1, Value(samples, DatabaseMetricNames.ProbeUp));
        Assert.True(Value(samples, SqliteMetricNames.DatabaseSizeBytes) > 0);
        Assert.Equal(1, Value(samples, DatabaseMetricNames.QueriesTotal));
    }

    [Fact]
    public void Poll_MissingFile_ProbeDownAndTheFileIsNotCreated()
    {
        var path = Path.Combine(_directory.FullName, "missing.db");

        var samples = PollAll($"Data Source={path}");

        Assert.Equal(0, Value(samples, DatabaseMetricNames.ProbeUp));
        Assert.False(File.Exists(path));
    }

    private static List<MetricSample> PollAll(string connectionString)
    {
        using var database = new SqliteDatabaseProvider().Create(Options(connectionString), TimeProvider.System);
        var observer = new Collector();
        foreach (var source in database.Sources)
        {
            try
            {
                source.Poll(1, observer);
            }
            catch (FileNotFoundException)
            {
                // The storage source reports a missing file as a failed poll.
            }
        }

        return observer.Samples;
    }

    private static double Value(List<MetricSample> samples, string name) => samples.Single(s => s.Key.Name == name).Value;

    private sealed class Collector : IObserver<MetricSample>
    {
        public List<MetricSample> Samples { get; } = [];

        public void OnNext(MetricSample value) => Samples.Add(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
