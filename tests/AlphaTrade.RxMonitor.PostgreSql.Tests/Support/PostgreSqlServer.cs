using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AlphaTrade.RxMonitor.PostgreSql.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 from Debian's packages (<c>/usr/lib/postgresql/15/bin</c>), started for the tests on 127.0.0.1
/// on a free port with a throwaway data directory under /tmp (no Unix socket, <c>pg_stat_statements</c> preloaded,
/// <c>max_connections</c> 20), and stopped and deleted afterwards. As root, the server runs as the <c>postgres</c> user
/// (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The server's <c>max_connections</c>.</summary>
    public const int MaxConnections = 20;

    /// <summary>Debian's default <c>superuser_reserved_connections</c>.</summary>
    public const int ReservedConnections = 3;

    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private static readonly bool s_root = Environment.UserName == "root";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "rxmon-pg-" + Guid.NewGuid().ToString("N"));

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to <paramref name="database"/> as the superuser <c>postgres</c>.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 10 }.ToString();

    /// <summary>Runs one statement on <paramref name="database"/>.</summary>
    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        Port = FreePort();
        await RunAsync("mkdir", "-p", _dataDirectory);
        await RunAsync(Path.Combine(Binaries, "initdb"), "-D", _dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        File.AppendAllLines(Path.Combine(_dataDirectory, "postgresql.conf"),
        [
            "listen_addresses = '127.0.0.1'",
            $"port = {Port}",
            "unix_socket_directories = ''",
            "shared_preload_libraries = 'pg_stat_statements'",
            $"max_connections = {MaxConnections}",
            $"superuser_reserved_connections = {ReservedConnections}",
            "fsync = off",
        ]);
        await RunAsync(Path.Combine(Binaries, "pg_ctl"), "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60", "start");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(Binaries, "pg_ctl"), "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = s_root ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. args]) : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
