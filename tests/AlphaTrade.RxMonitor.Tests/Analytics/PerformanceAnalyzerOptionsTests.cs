using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Analytics;

public sealed class PerformanceAnalyzerOptionsTests
{
    private static readonly SeriesSelector Cpu = SeriesSelector.Parse("cpu_usage_percent");

    private static string[] Problems(PerformanceAnalyzerOptions options) =>
        [.. options.Problems(PerformanceAnalyzerOptions.Section).Select(static p => p.ToString())];

    [Fact]
    public void Validate_Defaults_HaveNoProblems() =>
        Assert.Empty(Problems(new PerformanceAnalyzerOptions()));

    [Fact]
    public void Validate_TopSlowestZero_AtTopSlowest() =>
        Assert.Equal(["PerformanceAnalyzerOptions:TopSlowest: must be at least 1, was 0."], Problems(new() { TopSlowest = 0 }));

    [Fact]
    public void Validate_NoResources_IsRequiredAtResources() =>
        Assert.Equal(["PerformanceAnalyzerOptions:Resources: is required."], Problems(new() { Resources = null! }));

    [Fact]
    public void Validate_NullResource_AtItsIndex() =>
        Assert.Equal(["PerformanceAnalyzerOptions:Resources:1: is null."], Problems(new() { Resources = [new ResourceDefinition("cpu", Cpu, 100), null!] }));

    [Fact]
    public void Validate_ResourceWithoutName_AtItsName() =>
        Assert.Equal(["PerformanceAnalyzerOptions:Resources:0:Name: is required."], Problems(new() { Resources = [new ResourceDefinition("", Cpu, 100)] }));

    [Fact]
    public void Validate_ResourceSelectorWithoutMetric_AtItsSelector() =>
        Assert.Equal(
            ["PerformanceAnalyzerOptions:Resources:0:Selector: must name a metric."],
            Problems(new() { Resources = [new ResourceDefinition("x", SeriesSelector.Parse("{job=\"a\"}"), 100)] }));

    [Fact]
    public void Validate_ResourceLimitNotFinite_AtItsLimit() =>
        Assert.Equal(
            ["PerformanceAnalyzerOptions:Resources:0:Limit: must be a positive number, was Infinity."],
            Problems(new() { Resources = [new ResourceDefinition("cpu", Cpu, double.PositiveInfinity)] }));

    [Fact]
    public void Validate_DurationNotPositive_AtItsKey() =>
        Assert.Equal(
            [
                "PerformanceAnalyzerOptions:Freshness: must be positive, was 00:00:00.",
                "PerformanceAnalyzerOptions:CapacityLookback: must be positive, was -01:00:00.",
                "PerformanceAnalyzerOptions:QueryPerformanceWindow: must be positive, was 00:00:00.",
            ],
            Problems(new() { Freshness = TimeSpan.Zero, CapacityLookback = TimeSpan.FromHours(-1), QueryPerformanceWindow = TimeSpan.Zero }));

    [Fact]
    public void Validate_NoTrendWindows_IsRequiredAtTrendWindows() =>
        Assert.Equal(["PerformanceAnalyzerOptions:TrendWindows: is required."], Problems(new() { TrendWindows = null! }));

    [Fact]
    public void Validate_TrendWindowNotPositive_AtItsIndex() =>
        Assert.Equal(
            ["PerformanceAnalyzerOptions:TrendWindows:1: must be positive, was 00:00:00."],
            Problems(new() { TrendWindows = [TimeSpan.FromHours(1), TimeSpan.Zero] }));

    [Fact]
    public void Validate_OneBaselineWeek_AtBaselineWeeks() =>
        Assert.Equal(["PerformanceAnalyzerOptions:BaselineWeeks: must be at least 2, a spread needs two weeks, was 1."], Problems(new() { BaselineWeeks = 1 }));
}
