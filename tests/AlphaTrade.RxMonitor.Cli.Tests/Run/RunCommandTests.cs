using System.Net;
using System.Text.Json;
using AlphaTrade.RxMonitor.Cli.Tests.Support;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

/// <summary><c>rxmon run</c> end to end: the built program as a process, on this machine, from a clean directory.</summary>
[Trait("Category", "Integration")]
public sealed class RunCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_WithDuration_CreatesStoreLogsAndExitsZero()
    {
        using var dir = new TempDirectory();

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--duration", "3s");

        Assert.True(exitCode == 0, stderr);
        Assert.True(File.Exists(dir.File("rxmon.db")));
        Assert.Contains("rxmon started", stdout, StringComparison.Ordinal);
        Assert.Contains("rxmon stopped", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sigterm_StopsCleanlyWithTheStoreFlushed()
    {
        using var dir = new TempDirectory();
        await using var rxmon = RunningRxmon.Start(dir.Path, "run");
        await rxmon.WaitForLineAsync("rxmon started", StartTimeout);
        await rxmon.WaitForLineAsync("Health", StartTimeout);

        var exitCode = await rxmon.TerminateAsync();

        Assert.True(exitCode == 0, rxmon.StdOut + rxmon.StdErr);
        Assert.Contains("rxmon stopped", rxmon.StdOut, StringComparison.Ordinal);
        Assert.True(StoreQuery.Scalar(dir.File("rxmon.db"), "SELECT count(*) FROM series") > 0);
        Assert.True(StoreQuery.Scalar(dir.File("rxmon.db"), "SELECT count(*) FROM rollup_10s") > 0);
    }

    [Fact]
    public async Task Run_WithHttpOnEphemeralPort_ServesMetricsAndHealth()
    {
        using var dir = new TempDirectory();
        await using var rxmon = RunningRxmon.Start(dir.Path, "run", "--http", "127.0.0.1:0");
        var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
        var address = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]);
        await rxmon.WaitForLineAsync("rxmon started", StartTimeout);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var healthJson = JsonDocument.Parse(await health.Content.ReadAsStringAsync());

        Assert.Contains("rxmonitor_ingest_samples_delivered_total", metrics, StringComparison.Ordinal);
        Assert.Contains(health.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        Assert.Contains(healthJson.RootElement.GetProperty("status").GetString(), new[] { "healthy", "degraded", "unhealthy" });
        Assert.Equal(0, await rxmon.TerminateAsync());
    }

    [Fact]
    public async Task Run_MetricsEndpoint_PassesPromtoolCheckMetricsWithNothingToSay()
    {
        using var dir = new TempDirectory();
        await using var rxmon = RunningRxmon.Start(dir.Path, "run", "--http", "127.0.0.1:0", "--no-view");
        var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]), Timeout = TimeSpan.FromSeconds(30) };
        await rxmon.WaitForLineAsync("rxmon started", StartTimeout);
        // Two polls, so rate series (CPU, disk and network I/O) are present too.
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var start = new System.Diagnostics.ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = System.Diagnostics.Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        var said = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.Contains("system_cpu_usage_percent", metrics, StringComparison.Ordinal);
        Assert.True(promtool.ExitCode == 0 && said.Trim().Length == 0, $"promtool check metrics said: {said}");
        Assert.Equal(0, await rxmon.TerminateAsync());
    }

    [Fact]
    public async Task Run_LowThresholdRuleFromConfig_FiresAnAlertInTheLogAndTheStore()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"Rules": [{"name": "MemoryInUseTest", "series": "system_memory_usage_percent", "severity": "critical", "threshold": {"above": 0}}]}}
            """);

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "4s", "--db", "alerts.db");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Alert MemoryInUseTest firing (critical)", stdout, StringComparison.Ordinal);
        Assert.Equal(1, StoreQuery.Scalar(dir.File("alerts.db"), "SELECT count(*) FROM alert_transitions WHERE rule = 'MemoryInUseTest' AND change = 1"));
    }

    [Fact]
    public async Task Run_AlertLogLines_ArePlainTextWithLabelsAsNameValuePairs()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"DefaultRules": false, "Alerting": {"Route": {"GroupWait": "1s"}},
             "Rules": [{"name": "MemoryInUseTest", "series": "system_memory_usage_percent", "severity": "warning", "threshold": {"above": 0}}]}}
            """);

        var (exitCode, stdout, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "appsettings.json", "--duration", "5s");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\] Alert MemoryInUseTest firing \(warning\) value \d+(\.\d{1,3})? alertname=MemoryInUseTest$"));
        Assert.Contains(lines, l => l.EndsWith("] Alert MemoryInUseTest firing (warning) alertname=MemoryInUseTest", StringComparison.Ordinal));
        Assert.DoesNotContain("\"firing\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidConfig_ListsEveryProblemWithItsPathAndExitsTwo()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("bad.json"), """
            {"RxMonitor": {"Rules": [{"name": "NoDetector", "series": "x"}], "Alerting": {"route": {"groupWait": "soon"}}}}
            """);

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--config", "bad.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("RxMonitor:Rules:0", stderr, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Alerting:route:groupWait", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("rxmon.db")));
    }

    [Fact]
    public async Task Run_AllowRemoteWithoutToken_RefusesToStartAndExitsTwo()
    {
        using var dir = new TempDirectory();

        var (exitCode, _, stderr) = await RxmonProcess.RunAsync(dir.Path, "run", "--http", "0.0.0.0:0", "--allow-remote", "--duration", "1s");

        Assert.Equal(2, exitCode);
        Assert.Contains("ApiToken", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("rxmon.db")));
    }

    [Fact]
    public async Task Run_EnvironmentOverride_ChoosesTheStorePath()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { ["RXMONITOR__SQLITE__PATH"] = "from-env.db" };

        var (exitCode, _, stderr) = await RxmonProcess.RunWithEnvironmentAsync(dir.Path, environment, "run", "--duration", "1s");

        Assert.True(exitCode == 0, stderr);
        Assert.True(File.Exists(dir.File("from-env.db")));
        Assert.False(File.Exists(dir.File("rxmon.db")));
    }

    [Fact]
    public async Task Run_HttpPortInUse_ExitsOneWithTheReason()
    {
        using var dir = new TempDirectory();
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var (exitCode, stdout, _) = await RxmonProcess.RunAsync(dir.Path, "run", "--http", $"127.0.0.1:{port}", "--duration", "2s");

            Assert.Equal(1, exitCode);
            Assert.Contains("rxmon could not start", stdout, StringComparison.Ordinal);
            Assert.Contains("address already in use", stdout, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Run_WithHttp_ServesActiveAlertsAndRecordsSilencesInTheStore()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("appsettings.json"), """
            {"RxMonitor": {"DefaultRules": false, "Rules": [{"name": "MemoryInUseTest", "series": "system_memory_usage_percent", "threshold": {"above": 0}}]}}
            """);
        await using var rxmon = RunningRxmon.Start(dir.Path, "run", "--config", "appsettings.json", "--http", "127.0.0.1:0");
        var line = await rxmon.WaitForLineAsync("listening on http://", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]), Timeout = TimeSpan.FromSeconds(30) };
        await rxmon.WaitForLineAsync("Alert MemoryInUseTest firing", StartTimeout);

        using var alerts = JsonDocument.Parse(await http.GetStringAsync(new Uri("/alerts", UriKind.Relative)));
        var endsAt = DateTimeOffset.UtcNow.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        using var post = await http.PostAsync(
            new Uri("/api/silences", UriKind.Relative),
            new StringContent($$"""{"matchers": [{"name": "alertname", "value": "MemoryInUseTest", "isRegex": false}], "endsAt": "{{endsAt}}", "createdBy": "e2e", "comment": "test"}""", System.Text.Encoding.UTF8, "application/json"));
        var silenceId = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("silenceID").GetString();
        var silences = await http.GetStringAsync(new Uri("/api/silences", UriKind.Relative));
        Assert.Equal(0, await rxmon.TerminateAsync());

        var alert = Assert.Single(alerts.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal(("MemoryInUseTest", "firing"), (alert.GetProperty("rxmonitor").GetProperty("rule").GetString(), alert.GetProperty("rxmonitor").GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains(silenceId!, silences, StringComparison.Ordinal);
        Assert.True(StoreQuery.Scalar(dir.File("rxmon.db"), "SELECT count(*) FROM silences") >= 1);
    }
}
