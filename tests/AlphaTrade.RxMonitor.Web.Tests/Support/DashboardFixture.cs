namespace AlphaTrade.RxMonitor.Web.Tests.Support;

/// <summary>
/// A browser and one <c>rxmon run --http</c> with its SQLite store, a rule that fires at once (<c>MemoryInUseTest</c>)
/// and an anomaly rule that stays in its warm-up (its score series is charted, it never fires).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string RuleName = "MemoryInUseTest";

    public const string AnomalyScoreSeries = "system_memory_usage_percent_anomaly_score";

    private ServerProcess? _rxmon;

    public BrowserFixture Browser { get; } = new();

    public Uri BaseAddress => _rxmon!.BaseAddress;

    internal ServerProcess Rxmon => _rxmon!;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        _rxmon = await ServerProcess.StartRxmonAsync($$$"""
            {"RxMonitor": {"DefaultRules": false, "Rules": [
              {"name": "MemoryAnomalyTest", "series": "system_memory_usage_percent", "anomaly": {"above": 0.9, "warmupSamples": 100000}},
              {"name": "{{{RuleName}}}", "series": "system_memory_usage_percent", "threshold": {"above": 0}}]}}
            """);
        await _rxmon.WaitForLineAsync($"Alert {RuleName} firing");
    }

    public async Task DisposeAsync()
    {
        if (_rxmon is not null)
        {
            await _rxmon.DisposeAsync();
        }

        await Browser.DisposeAsync();
    }
}
