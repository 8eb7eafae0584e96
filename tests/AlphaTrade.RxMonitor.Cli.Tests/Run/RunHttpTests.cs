using System.Net;
using System.Text;
using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

/// <summary>What a user of <c>rxmon run --http</c> meets on <c>/alerts</c> and <c>/api/silences</c>.</summary>
[Trait("Category", "Integration")]
public sealed class RunHttpTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_AlertsAndSilences_SeriesIsFilledAndAPostWithAnIdIsRefused()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"DefaultRules": false, "Rules": [{"name": "MemoryInUseTest", "series": "system_memory_usage_percent", "threshold": {"above": 0}}]}}
            """);
        await using var rxmon = RunningRxmon.Start(dir.Path, "run", "--config", "appsettings.json", "--http", "127.0.0.1:0");
        var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
        var address = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]);
        await rxmon.WaitForLineAsync("Alert MemoryInUseTest firing", StartTimeout);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        using var alerts = JsonDocument.Parse(await http.GetStringAsync(new Uri("/alerts", UriKind.Relative)));
        using var post = await http.PostAsync(
            new Uri("/api/silences", UriKind.Relative),
            new StringContent("""{"id":"x1","matchers":[{"name":"alertname","value":"MemoryInUseTest"}],"endsAt":"2999-01-01T00:00:00Z","createdBy":"a","comment":"b"}""", Encoding.UTF8, "application/json"));
        var refusal = await post.Content.ReadAsStringAsync();
        var silences = await http.GetStringAsync(new Uri("/api/silences", UriKind.Relative));

        var alert = Assert.Single(alerts.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal("system_memory_usage_percent", alert.GetProperty("rxmonitor").GetProperty("series").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("""{"errors":["id: updating a silence is not supported; expire 'x1' (DELETE /api/silences/x1) and post the new one without an id."]}""", refusal);
        Assert.Equal("[]", silences);
        Assert.Equal(0, await rxmon.TerminateAsync());
    }
}
