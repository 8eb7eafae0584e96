using System.Diagnostics;
using System.Globalization;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Crash;

[Trait("Category", "Integration")]
public sealed class CrashSafetyTests : IDisposable
{
    private const int CommitsBeforeKill = 30;
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData("Normal")]
    [InlineData("Full")]
    public async Task Writer_KilledWithSigkillMidStream_IntegrityOkAndEveryReportedCommitPresent(string synchronous)
    {
        var path = _directory.File("crash.db");
        using var child = StartWriter(path, synchronous);
        var reported = 0L;
        var commits = 0;
        while (commits < CommitsBeforeKill && await child.StandardOutput.ReadLineAsync() is { } line)
        {
            reported = Math.Max(reported, ParseCommitted(line));
            commits++;
        }

        child.Kill();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            reported = Math.Max(reported, ParseCommitted(line));
        }

        await child.WaitForExitAsync();
        Assert.True(commits == CommitsBeforeKill, "the writer stopped early: " + await child.StandardError.ReadToEndAsync());
        Assert.True(reported > 0);

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(reported, Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM alert_transitions WHERE id <= {reported} AND value = id"), CultureInfo.InvariantCulture));
        Assert.True(Convert.ToInt64(Scalar(connection, "SELECT max(id) FROM alert_transitions"), CultureInfo.InvariantCulture) >= reported);
        connection.Close();

        await using var reopened = StoreFactory.Open(path);
        Assert.Equal(HealthStatus.Healthy, reopened.Health.Status);
    }

    public void Dispose() => _directory.Dispose();

    private static Process StartWriter(string path, string synchronous)
    {
        var assembly = typeof(CrashWriterProgram).Assembly.Location;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, CrashWriterProgram.Command, path, synchronous })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static long ParseCommitted(string line) =>
        line.StartsWith("committed ", StringComparison.Ordinal) ? long.Parse(line.AsSpan(10), CultureInfo.InvariantCulture) : 0;

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
