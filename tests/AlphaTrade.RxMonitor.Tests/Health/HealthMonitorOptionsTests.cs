using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Tests.Support;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Health;

public sealed class HealthMonitorOptionsTests
{
    [Fact]
    public void Validate_Defaults_HaveNoProblems() =>
        Assert.Empty(new HealthMonitorOptions().Problems(HealthMonitorOptions.Section));

    [Fact]
    public void Validate_IntervalNotPositive_AtInterval()
    {
        var problems = new HealthMonitorOptions { Interval = TimeSpan.Zero }.Problems(HealthMonitorOptions.Section);

        Assert.Equal(["HealthMonitorOptions:Interval: must be positive, was 00:00:00."], problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsTheConfigurationException()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            new HealthMonitor([], new TestScheduler(), new RecordingFailureListener(), new HealthMonitorOptions { Interval = TimeSpan.FromSeconds(-1) }));

        Assert.Equal([new ConfigurationProblem("HealthMonitorOptions:Interval", "must be positive, was -00:00:01.")], error.Problems);
    }
}
