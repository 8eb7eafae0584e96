using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

public sealed class AddSinkTypeTests
{
    private readonly List<(SlackSinkOptions Options, IServiceProvider? Services, string Name)> _built = [];

    private IHost BuildHost(string json)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        builder.Services.AddRxMonitor(builder.Configuration.GetSection("RxMonitor"))
            .AddSinkType<SlackSinkOptions>("slack", (options, context) =>
            {
                _built.Add((options, context.Services, context.SinkName));
                return new CollectingAlertSink(context.SinkName);
            });
        return builder.Build();
    }

    [Fact]
    public void AddSinkType_ConfiguredSink_GetsItsSectionAsTypedOptions()
    {
        using var host = BuildHost("""
            {"RxMonitor": {"DefaultRules": false, "Alerting": {"Receivers": [
              {"Name": "ops", "Sinks": [{"Type": "slack", "Channel": "#ops", "Timeout": "1m30s", "Delivery": {"MaxRetries": 1}}]}],
              "Route": {"Receiver": "ops"}}}}
            """);

        var manager = host.Services.GetRequiredService<AlertManager>();

        var (options, services, name) = Assert.Single(_built);
        Assert.Equal(("#ops", TimeSpan.FromSeconds(90)), (options.Channel, options.Timeout));
        Assert.Same(manager, services!.GetRequiredService<AlertManager>());
        Assert.Equal("slack:ops", name);
    }

    [Fact]
    public async Task AddSinkType_UnknownKeyAndMissingValueInTheSection_AreReportedWithTheirPaths()
    {
        using var host = BuildHost("""
            {"RxMonitor": {"DefaultRules": false, "Alerting": {"receivers": [
              {"name": "ops", "sinks": [{"type": "slack", "chanel": "#ops", "timeout": "soon"}]}],
              "route": {"receiver": "ops"}}}}
            """);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "unknown key RxMonitor:Alerting:receivers:0:sinks:0:chanel (did you mean RxMonitor:Alerting:receivers:0:sinks:0:channel?)",
                "RxMonitor:Alerting:receivers:0:sinks:0:timeout: expected a duration (30s, 1m30s or 00:01:30), found 'soon'",
                "RxMonitor:Alerting:receivers:0:sinks:0:Channel: is required",
            ],
            error.Problems.Select(static p => p.ToString()));
        Assert.Empty(_built);
    }

    [Fact]
    public async Task AddSinkType_SinkOfAnUnregisteredType_IsReportedWithTheKnownTypes()
    {
        using var host = BuildHost("""
            {"RxMonitor": {"DefaultRules": false, "Alerting": {"Receivers": [{"Name": "ops", "Sinks": [{"Type": "teams"}]}], "Route": {"Receiver": "ops"}}}}
            """);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Equal(
            "RxMonitor:Alerting:Receivers:0:Sinks:0:Type: unknown sink type 'teams' (known: alertmanager, console, slack, webhook).",
            Assert.Single(error.Problems).ToString());
    }
}
