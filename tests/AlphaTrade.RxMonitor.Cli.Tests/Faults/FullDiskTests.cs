using System.Net;
using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Faults;

/// <summary><c>rxmon run</c> with its store on a real 2 MB tmpfs that fills up and frees again.</summary>
[Trait("Category", "Integration")]
public sealed class FullDiskTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static StringContent SilenceBody() => new(
        $$"""{"matchers": [{"name": "alertname", "value": "Anything", "isRegex": false}], "endsAt": "{{DateTimeOffset.UtcNow.AddHours(1):O}}", "createdBy": "e2e", "comment": "full disk"}""",
        System.Text.Encoding.UTF8,
        "application/json");

    private static async Task<JsonElement> StoreComponentAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("report").GetProperty("components").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "store").Clone();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.False(timeout.IsCancellationRequested, $"timed out waiting for {what}; last: {value}");
            await Task.Delay(500);
        }
    }

    private static long FailedWrites(string metrics) => metrics.Split('\n')
        .Where(static l => l.StartsWith("rxmonitor_store_writes_failed_total", StringComparison.Ordinal))
        .Sum(static l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Run_DiskFillsThenFrees_HealthAndMetricsNameTheStoreARefusedSilenceNeverReachesTheStoreAnAcceptedOneIsDurable()
    {
        await using var disk = await SmallFileSystem.MountAsync();
        using var dir = new TempDirectory();
        var db = disk.File("rxmon.db");
        string acceptedId;
        await using (var rxmon = RunningRxmon.Start(dir.Path, "run", "--db", db, "--http", "127.0.0.1:0"))
        {
            var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
            using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]), Timeout = TimeSpan.FromSeconds(30) };
            await rxmon.WaitForLineAsync("rxmon started", StartTimeout);

            await disk.FillAsync();
            var failing = await EventuallyAsync(() => StoreComponentAsync(http), static c => c.GetProperty("status").GetString() == "unhealthy", "the store unhealthy");
            var failedWrites = await EventuallyAsync(() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), static m => FailedWrites(m) > 0, "failed writes counted");
            using var refused = await http.PostAsync(new Uri("/api/silences", UriKind.Relative), SilenceBody());
            var refusedBody = await refused.Content.ReadAsStringAsync();

            disk.Free();
            await EventuallyAsync(() => StoreComponentAsync(http), static c => c.GetProperty("status").GetString() == "healthy", "the store healthy again");
            using var accepted = await http.PostAsync(new Uri("/api/silences", UriKind.Relative), SilenceBody());
            acceptedId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("silenceID").GetString()!;

            Assert.Contains(db, failing.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Contains("rxmonitor_store_up{store=", failedWrites, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains(db, refusedBody, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(0, await rxmon.TerminateAsync());
            Assert.DoesNotContain("   at ", rxmon.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain("SqliteException", rxmon.StdOut, StringComparison.Ordinal);
        }

        Assert.Equal(1, StoreQuery.Scalar(db, $"SELECT count(*) FROM silences WHERE id = '{acceptedId}'"));
        Assert.Equal(0, StoreQuery.Scalar(db, $"SELECT count(*) FROM silences WHERE id <> '{acceptedId}'"));
        Assert.Equal(1, StoreQuery.Scalar(db, "SELECT count(*) FROM silences WHERE ends_at > CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"));
    }
}
