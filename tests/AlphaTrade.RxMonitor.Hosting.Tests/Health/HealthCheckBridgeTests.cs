using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Reactive.Testing;
using MsHealthStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;
using RxHealthStatus = AlphaTrade.RxMonitor.Health.HealthStatus;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Health;

public sealed class HealthCheckBridgeTests
{
    private static HealthMonitor Monitor(params IHealthComponent[] components) =>
        new(components, new TestScheduler(), new NullListener());

    [Fact]
    public async Task RxMonitorHealthCheck_DegradedComponent_ReturnsDegradedWithReasons()
    {
        using var monitor = Monitor(
            new Fixed("database:trading", RxHealthStatus.Degraded, "pool_usage_percent 80% ≥ 80%"),
            new Fixed("system", RxHealthStatus.Healthy, "OK"));

        var result = await new RxMonitorHealthCheck(monitor).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(MsHealthStatus.Degraded, result.Status);
        Assert.Equal("database:trading: pool_usage_percent 80% ≥ 80%", result.Description);
        Assert.Equal("Healthy: OK", result.Data["system"]);
    }

    [Fact]
    public async Task RxMonitorHealthCheck_AllHealthy_ReturnsHealthyOk()
    {
        using var monitor = Monitor(new Fixed("system", RxHealthStatus.Healthy, "OK"));

        var result = await new RxMonitorHealthCheck(monitor).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(MsHealthStatus.Healthy, result.Status);
        Assert.Equal("OK", result.Description);
    }

    [Fact]
    public async Task HealthCheckComponent_UnhealthyCheck_BecomesUnhealthyComponentWithDescriptionAndData()
    {
        var check = new DelegateCheck(_ => HealthCheckResult.Unhealthy(
            "redis unreachable", data: new Dictionary<string, object> { ["endpoint"] = "10.0.0.5:6379" }));
        var component = new HealthCheckComponent("redis", check);

        var health = await component.CheckAsync(CancellationToken.None);

        Assert.Equal(RxHealthStatus.Unhealthy, health.Status);
        Assert.Equal("redis unreachable", health.Reason);
        Assert.Equal("10.0.0.5:6379", health.Data["endpoint"]);
        Assert.Equal("health-check", health.Kind);
    }

    [Fact]
    public async Task HealthCheckComponent_CheckSeesItsRegistration()
    {
        HealthCheckContext? seen = null;
        var component = new HealthCheckComponent("kafka", new DelegateCheck(c => { seen = c; return HealthCheckResult.Healthy(); }), MsHealthStatus.Degraded);

        var health = await component.CheckAsync(CancellationToken.None);

        Assert.Equal(RxHealthStatus.Healthy, health.Status);
        Assert.Equal("kafka", seen!.Registration.Name);
        Assert.Equal(MsHealthStatus.Degraded, seen.Registration.FailureStatus);
    }

    [Fact]
    public async Task HealthCheckComponent_InMonitor_WorstDecidesOverall()
    {
        using var monitor = Monitor(
            new HealthCheckComponent("legacy", new DelegateCheck(_ => HealthCheckResult.Degraded("slow"))),
            new Fixed("system", RxHealthStatus.Healthy, "OK"));

        var report = await monitor.CheckAsync();

        Assert.Equal(RxHealthStatus.Degraded, report.Status);
    }

    private sealed class Fixed(string name, RxHealthStatus status, string reason) : IHealthComponent
    {
        public string Name { get; } = name;

        public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ComponentHealth(Name, "test", status, reason, new Dictionary<string, object>()));
    }

    private sealed class DelegateCheck(Func<HealthCheckContext, HealthCheckResult> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(check(context));
    }

    private sealed class NullListener : IFailureListener
    {
        public void OnFailure(PipelineFailure failure)
        {
        }
    }
}
