using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

/// <summary>End-to-end: an <c>anomaly</c> rule back-tested with the built <c>rxmon replay</c>.</summary>
[Trait("Category", "Integration")]
public sealed class AnomalyReplayTests : IDisposable
{
    private const string Rules = """
        {"rules": [{"name": "LatencyAnomaly", "series": "order_latency_seconds", "severity": "critical",
                    "anomaly": {"above": 0.5, "warmupSamples": 200}}]}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("rxmon-anomaly-replay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Replay_AnomalyRule_FiresAtTheSpikeAndResolvesAtTheNextSample()
    {
        // A minute-by-minute cycle with a little noise, and one spike far above it at minute 800.
        var random = new Random(3);
        var samples = new StringBuilder("timestamp,series,value\n");
        for (var minute = 0; minute < 1000; minute++)
        {
            var value = minute == 800 ? 500 : 100 + (20 * Math.Sin(2 * Math.PI * minute / 60)) + random.NextDouble();
            samples.Append(CultureInfo.InvariantCulture, $"{minute * 60},order_latency_seconds,{value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.json"), Rules);
        await File.WriteAllTextAsync(Path.Combine(_directory, "samples.csv"), samples.ToString());
        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(_directory, ["replay", "--rules", "rules.json", "--input", "samples.csv"]);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("""{"time":"1970-01-01T13:20:00Z","rule":"LatencyAnomaly","state":"firing","severity":"critical","labels":{"alertname":"LatencyAnomaly"},"value":1.0}""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"time":"1970-01-01T13:21:00Z","rule":"LatencyAnomaly","state":"resolved",""", lines[1], StringComparison.Ordinal);
    }
}
