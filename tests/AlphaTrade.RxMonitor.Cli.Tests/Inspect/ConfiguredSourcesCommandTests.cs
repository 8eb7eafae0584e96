using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Cli.Tests.Inspect;

/// <summary><c>rxmon metrics --config</c> and <c>rxmon health --config</c> with endpoints and databases, as processes against a real listener and a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class ConfiguredSourcesCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _closedPort;

    public ConfiguredSourcesCommandTests()
    {
        _listener.Start();
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        _closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var connection = new SqliteConnection($"Data Source={_directory.File("orders.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE orders (id INTEGER PRIMARY KEY)";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Metrics_ConfiguredEndpoints_ListenerUpWithLatencyAndClosedPortDown()
    {
        var config = WriteConfig();

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(_directory.Path, "metrics", "--config", config);

        Assert.True(exitCode == 0, stderr);
        var values = Parse(stdout);
        Assert.Equal(1, values["system_network_connect_up{endpoint=\"gateway\"}"]);
        Assert.InRange(values["system_network_connect_latency_seconds{endpoint=\"gateway\"}"], 0, 1);
        Assert.Equal(0, values["system_network_connect_up{endpoint=\"closed\"}"]);
        Assert.DoesNotContain("system_network_connect_latency_seconds{endpoint=\"closed\"}", values.Keys);
    }

    [Fact]
    public async Task Metrics_ConfiguredSqliteDatabase_ProbesItAndReadsItsStorage()
    {
        var config = WriteConfig();

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(_directory.Path, "metrics", "--config", config);

        Assert.True(exitCode == 0, stderr);
        var values = Parse(stdout);
        Assert.Equal(1, values["db_probe_up{db=\"orders\"}"]);
        Assert.True(values["db_probe_latency_seconds{db=\"orders\"}"] > 0);
        Assert.True(values["sqlite_database_size_bytes{db=\"orders\"}"] > 0);
        Assert.True(values["db_disk_available_bytes{db=\"orders\"}"] > 0);
        Assert.Contains("db_pool_usage_percent{db=\"orders\"}", values.Keys);
    }

    [Fact]
    public async Task Health_ConfiguredDatabases_ReportsADatabaseComponentEach()
    {
        var config = WriteConfig(extraDatabase: $$"""{ "name": "missing", "provider": "sqlite", "connectionString": "Data Source={{_directory.File("missing.db")}}" }""");

        var (_, stdout, _) = await RxmonProcess.RunAsync(_directory.Path, "health", "--json", "--config", config);

        using var json = JsonDocument.Parse(stdout);
        var components = json.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal("healthy", components["database:orders"].GetProperty("status").GetString());
        Assert.Equal("database", components["database:orders"].GetProperty("kind").GetString());
        Assert.Equal("unhealthy", components["database:missing"].GetProperty("status").GetString());
        Assert.Contains("probe failed", components["database:missing"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("missing.db")), "watching a database must not create it");
    }

    [Fact]
    public async Task Metrics_InvalidEndpointsAndDatabases_ListsEveryProblemWithItsKeyAndExits2()
    {
        var config = _directory.File("bad.json");
        File.WriteAllText(config, """
            { "RxMonitor": { "Sources": {
              "Endpoints": [ { "name": "a", "host": "127.0.0.1", "port": 70000 }, { "name": "a", "host": "h", "port": 1, "timeout": "soon" } ],
              "Databases": [ { "name": "d", "provider": "oracle", "connectionString": "x" } ] } } }
            """);

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(_directory.Path, "metrics", "--config", config);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("RxMonitor:Sources:Endpoints:0:port: 70000 is not a TCP port (1-65535).", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sources:Endpoints:1:timeout: expected a duration", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sources:Endpoints:1:name: 'a' is already the name of RxMonitor:Sources:Endpoints:0.", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sources:Databases:0:provider: 'oracle' is not a database provider here (known: sqlite, postgresql).", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_EndpointsAndDatabases_CountedInTheOkLineWithoutConnecting()
    {
        var config = WriteConfig(extraDatabase: """{ "name": "pg", "provider": "PostgreSQL", "connectionString": "Host=127.0.0.1;Port=1" }""");

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(_directory.Path, "check", config);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains(", 2 endpoints, 2 databases, store rxmon.db.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BadConnectionStrings_NamesTheDatabasesKey()
    {
        var config = _directory.File("bad.json");
        File.WriteAllText(config, """
            { "RxMonitor": { "Sources": { "Databases": [
              { "name": "pg", "provider": "postgresql", "connectionString": "Host=db;Colour=blue" },
              { "name": "lite", "provider": "sqlite", "connectionString": "Data Source=:memory:" } ] } } }
            """);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(_directory.Path, "check", config);

        Assert.Equal(2, exitCode);
        Assert.Contains("RxMonitor:Sources:Databases:0:connectionString: not a PostgreSQL connection string: ", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Sources:Databases:1:connectionString: an in-memory database cannot be watched from outside; name a database file.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    private string WriteConfig(string? extraDatabase = null)
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var databases = $$"""{ "name": "orders", "provider": "sqlite", "connectionString": "Data Source={{_directory.File("orders.db")}}" }""" +
                        (extraDatabase is null ? string.Empty : ", " + extraDatabase);
        var path = _directory.File("appsettings.json");
        File.WriteAllText(path, $$"""
            { "RxMonitor": { "Sources": {
              "Endpoints": [
                { "name": "gateway", "host": "127.0.0.1", "port": {{port}}, "timeout": "2s" },
                { "name": "closed", "host": "127.0.0.1", "port": {{_closedPort}} } ],
              "Databases": [ {{databases}} ] } } }
            """);
        return path;
    }

    private static Dictionary<string, double> Parse(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(static line => line[..line.LastIndexOf(' ')], static line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
