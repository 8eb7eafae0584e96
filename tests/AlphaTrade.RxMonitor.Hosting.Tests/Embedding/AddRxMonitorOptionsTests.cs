using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

/// <summary><c>AddRxMonitor(options => …)</c>, and reloading the rules of a running embedded monitor.</summary>
public sealed class AddRxMonitorOptionsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static RuleOptions Rule(string name, double above) => new() { Name = name, Series = "order_latency_ms", Threshold = new ThresholdOptions { Above = above } };

    [Fact]
    public async Task AddRxMonitor_Action_RunsTheRulesConfiguredInCode()
    {
        var sink = new CollectingAlertSink("LatencyHigh");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRxMonitor(o =>
        {
            o.DefaultRules = false;
            o.Rules.Add(Rule("LatencyHigh", 100));
            o.Alerting.Route.GroupWait = "0s";
        }).AddSink(sink);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            Assert.True(host.Services.GetRequiredService<MetricIngest>().Record(SeriesKey.Create("order_latency_ms"), 250));

            var alert = await sink.FirstFiring.WaitAsync(Patience);
            Assert.Equal(250, alert.Value);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddRxMonitor_ActionWithInvalidOptions_FailsListingEveryProblemWithItsPath()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRxMonitor(o =>
        {
            o.DefaultRules = false;
            o.Rules.Add(new RuleOptions { Name = "NoSeries", Threshold = new ThresholdOptions { Above = 1 } });
            o.Alerting.Route.GroupWait = "soon";
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Contains(error.Problems, static p => p.Path.StartsWith("RxMonitor:Rules", StringComparison.Ordinal) && p.Path.Contains("series", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(error.Problems, static p => p.Path.StartsWith("RxMonitor:Alerting", StringComparison.Ordinal) && p.Path.Contains("groupWait", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ConfigurationReload_SectionChanged_ReplacesTheRulesAndLogsIt()
    {
        var logs = new CollectingLoggerProvider();
        using var host = SectionHost(logs, out var configuration);
        await host.StartAsync();
        try
        {
            configuration["RxMonitor:Rules:1:name"] = "Added";
            configuration["RxMonitor:Rules:1:series"] = "order_latency_ms";
            configuration["RxMonitor:Rules:1:threshold:above"] = "5";
            ((IConfigurationRoot)configuration).Reload();

            var pipeline = host.Services.GetRequiredService<RxMonitorPipeline>();
            Assert.Equal(["Kept", "Added"], pipeline.Rules.Select(static r => r.Name));
            Assert.Contains(logs.Entries, static e => e.Level == LogLevel.Information && e.Message.Contains("Configuration reloaded (configuration changed): 2 rules: 1 kept with their alert state; added 1 (Added).", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task ConfigurationReload_InvalidSection_KeepsTheRulesAndLogsEveryProblemOnce()
    {
        var logs = new CollectingLoggerProvider();
        using var host = SectionHost(logs, out var configuration);
        await host.StartAsync();
        try
        {
            configuration["RxMonitor:Rules:0:threshold:above"] = "lots";
            configuration["RxMonitor:Rulez"] = "1";
            ((IConfigurationRoot)configuration).Reload();

            var pipeline = host.Services.GetRequiredService<RxMonitorPipeline>();
            Assert.Equal(["Kept"], pipeline.Rules.Select(static r => r.Name));
            var refused = Assert.Single(logs.Entries, static e => e.Message.Contains("refused", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Error, refused.Level);
            Assert.Contains("RxMonitor:Rulez", refused.Message, StringComparison.Ordinal);
            Assert.Contains("RxMonitor:Rules:0:threshold:above", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task OptionsMonitorChange_BoundConfigurationReloads_ReplacesTheRules()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:DefaultRules"] = "false" });
        builder.Services.AddRxMonitor(static o => o.Rules.Add(Rule("InCode", 100)));
        builder.Services.Configure<RxMonitorOptions>(builder.Configuration.GetSection("Monitor"));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var pipeline = host.Services.GetRequiredService<RxMonitorPipeline>();
            Assert.Equal(["InCode"], pipeline.Rules.Select(static r => r.Name));

            builder.Configuration["Monitor:DefaultRules"] = "true";
            ((IConfigurationRoot)builder.Configuration).Reload();

            Assert.Contains("InCode", pipeline.Rules.Select(static r => r.Name));
            Assert.True(pipeline.Rules.Count > 1);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost SectionHost(CollectingLoggerProvider logs, out ConfigurationManager configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RxMonitor:DefaultRules"] = "false",
            ["RxMonitor:Rules:0:name"] = "Kept",
            ["RxMonitor:Rules:0:series"] = "order_latency_ms",
            ["RxMonitor:Rules:0:threshold:above"] = "100",
        });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddRxMonitor(builder.Configuration.GetSection("RxMonitor"));
        configuration = builder.Configuration;
        return builder.Build();
    }
}
