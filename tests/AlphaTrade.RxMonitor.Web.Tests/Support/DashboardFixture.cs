namespace AlphaTrade.RxMonitor.Web.Tests.Support;

/// <summary>A browser and one <c>rxmon run --http</c> with its SQLite store and a rule that fires at once (<c>MemoryInUseTest</c>).</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string RuleName = "MemoryInUseTest";

    private ServerProcess? _rxmon;

    public BrowserFixture Browser { get; } = new();

    public Uri BaseAddress => _rxmon!.BaseAddress;

    internal ServerProcess Rxmon => _rxmon!;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        _rxmon = await ServerProcess.StartRxmonAsync($$$"""
            {"RxMonitor": {"DefaultRules": false, "Rules": [{"name": "{{{RuleName}}}", "series": "system_memory_usage_percent", "threshold": {"above": 0}}]}}
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
