using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Faults;

/// <summary>
/// The crash suite: <c>rxmon run</c> with an always-firing rule, a rule that flips every few seconds, a webhook receiver
/// and <c>/metrics</c> scrapes, killed with SIGKILL at seeded random moments, several rounds on one store; after each
/// round the store and the receiver must agree.
/// </summary>
/// <remarks>
/// The flipping rule watches rxmon's own heartbeat: the host beats its <c>rxmon.host</c> task every 5 s and the sources
/// sample its age every second, so <c>background_task_heartbeat_age_seconds &gt; 2.5</c> fires about 3 s after each beat
/// and resolves at the next one. A notification is identified by its group and its alerts' fingerprints, states and
/// start times (each firing of the flipping rule is a new instance with its own start).
/// </remarks>
[Trait("Category", "Integration")]
public sealed class CrashTests
{
    private const int Rounds = 6;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static string Config(string url) => $$"""
        { "RxMonitor": {
          "DefaultRules": false,
          "Rules": [
            { "name": "AlwaysFiring", "series": "system_memory_usage_percent", "threshold": { "above": 0 } },
            { "name": "Flipping", "series": "background_task_heartbeat_age_seconds", "threshold": { "above": 2.5 } } ],
          "Alerting": {
            "receivers": [ { "name": "hook", "sendResolved": true, "sinks": [ { "type": "webhook", "url": "{{url}}" } ] } ],
            "route": { "receiver": "hook", "groupBy": ["alertname"], "groupWait": "0s", "groupInterval": "1s", "repeatInterval": "1h" },
            "flapping": { "enabled": false } } } }
        """;

    [Fact]
    public async Task Run_KilledAtRandomMomentsOnOneStore_StoreStaysIntactAndAgreesWithTheReceiver()
    {
        using var dir = new TempDirectory();
        using var webhook = new WebhookReceiver();
        var db = dir.File("rxmon.db");
        await File.WriteAllTextAsync(dir.File("appsettings.json"), Config(webhook.Url));
        var random = new Random(1717);
        long? activeAt = null;
        for (var round = 0; round < Rounds; round++)
        {
            var storedBefore = File.Exists(db) ? StoredNotifications(db) : [];
            var receivedBefore = webhook.Received.Count;
            var firingBefore = Firing(webhook, "AlwaysFiring");
            await using (var rxmon = RunningRxmon.Start(dir.Path, "run", "--config", "appsettings.json", "--http", "127.0.0.1:0"))
            {
                var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
                using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]), Timeout = TimeSpan.FromSeconds(10) };
                await rxmon.WaitForLineAsync("rxmon started", StartTimeout);
                var until = DateTime.UtcNow.AddMilliseconds(random.Next(2_000, 9_000));
                while (DateTime.UtcNow < until)
                {
                    await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                    await Task.Delay(100);
                }

                await rxmon.KillAsync();
            }

            Assert.Equal("ok", StoreQuery.Text(db, "PRAGMA integrity_check"));
            var stored = StoredNotifications(db);
            var received = webhook.Received.Select(Received).ToList();
            var missing = stored.Except(received).ToList();
            Assert.True(missing.Count == 0, $"round {round}: the store records notifications the webhook never got: {string.Join("; ", missing)}");
            var resent = received.Skip(receivedBefore).Intersect(storedBefore).ToList();
            Assert.True(resent.Count == 0, $"round {round}: notifications recorded before the round were sent again: {string.Join("; ", resent)}");
            if (storedBefore.Any(static n => n.Contains("AlwaysFiring", StringComparison.Ordinal)))
            {
                Assert.True(Firing(webhook, "AlwaysFiring") == firingBefore, $"round {round}: the restored alert was notified again before its repeat interval");
            }

            if (StoreQuery.Scalar(db, "SELECT count(*) FROM alerts WHERE rule = 'AlwaysFiring'") == 1)
            {
                var now = StoreQuery.Scalar(db, "SELECT active_at FROM alerts WHERE rule = 'AlwaysFiring'");
                activeAt ??= now;
                Assert.Equal(activeAt, now);
                Assert.Equal(1, StoreQuery.Scalar(db, "SELECT state FROM alerts WHERE rule = 'AlwaysFiring'"));
            }

            var (exitCode, json, stderr) = await RxmonProcess.RunAsync(dir.Path, "alerts", "--json", "--db", db, "--since", "1h");
            Assert.True(exitCode == 0, stderr);
            Assert.Equal(
                StoreQuery.Scalar(db, "SELECT count(*) FROM alert_transitions"),
                JsonDocument.Parse(json).RootElement.GetArrayLength());
        }

        // Delivery is at-least-once: a kill between the receiver's 200 and the commit of its record (one batch delay,
        // 100 ms) sends it once more after the restart; once recorded it is never sent again (checked per round).
        Assert.NotNull(activeAt);
        Assert.InRange(Firing(webhook, "AlwaysFiring"), 1, 2);
        Assert.Single(webhook.Alerts().Where(static a => a.AlertName == "AlwaysFiring").Select(static a => a.StartsAt).Distinct());
        Assert.True(Firing(webhook, "Flipping") >= 2, $"the flipping rule fired {Firing(webhook, "Flipping")} times");
        Assert.Contains(webhook.Alerts(), static a => a.AlertName == "Flipping" && a.Status == "resolved");
    }

    private static int Firing(WebhookReceiver webhook, string rule) => webhook.Alerts().Count(a => a.Status == "firing" && a.AlertName == rule);

    /// <summary>The group notifications the store records, each as its identity.</summary>
    private static List<string> StoredNotifications(string db) =>
        [.. StoreQuery.Rows(db, "SELECT group_key, alerts FROM notifications WHERE kind = 0 ORDER BY seq").Select(static row =>
        {
            using var alerts = JsonDocument.Parse(row[1]!);
            return Identity(row[0]!, alerts.RootElement.EnumerateArray().Select(static a => (
                a.GetProperty("fingerprint").GetString()!,
                a.GetProperty("rxmonitor").GetProperty("state").GetString() == "resolved" ? "resolved" : "firing",
                DateTimeOffset.Parse(a.GetProperty("startsAt").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds())));
        })];

    private static string Received(JsonElement body) => Identity(
        body.GetProperty("groupKey").GetString()!,
        body.GetProperty("alerts").EnumerateArray().Select(static a => (
            a.GetProperty("fingerprint").GetString()!,
            a.GetProperty("status").GetString()!,
            DateTimeOffset.Parse(a.GetProperty("startsAt").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds())));

    private static string Identity(string groupKey, IEnumerable<(string Fingerprint, string Status, long StartsAt)> alerts) =>
        groupKey + " " + string.Join(",", alerts.Select(static a => $"{a.Fingerprint}:{a.Status}:{a.StartsAt.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal));
}
