using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

/// <summary><c>RxMonitor:Sources:Databases</c> in <c>AddRxMonitor</c>: a database needs its provider added with <c>AddDatabaseProvider</c>.</summary>
public sealed class DatabaseProviderRegistrationTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["RxMonitor:DefaultRules"] = "false",
        ["RxMonitor:Sources:Databases:0:Name"] = "orders",
        ["RxMonitor:Sources:Databases:0:Provider"] = "fake",
        ["RxMonitor:Sources:Databases:0:ConnectionString"] = "x",
    };

    [Fact]
    public async Task Start_DatabaseWhoseProviderWasNotAdded_FailsNamingTheKey()
    {
        using var host = BuildHost(static _ => { });

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Equal("RxMonitor:Sources:Databases:0:Provider: 'fake' is not a database provider here (none is registered).", Assert.Single(error.Problems).ToString());
    }

    [Fact]
    public async Task Start_DatabaseProviderAdded_HealthReportsTheDatabase()
    {
        var provider = new FakeDatabaseProvider();
        using var host = BuildHost(b => b.AddDatabaseProvider(provider));
        await host.StartAsync();
        try
        {
            var report = await host.Services.GetRequiredService<HealthMonitor>().CheckAsync();

            Assert.Contains(report.Components, static c => c.Name == "database:orders");
            Assert.Equal("orders", Assert.Single(provider.Created).Name);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(Action<RxMonitorBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(Settings);
        configure(builder.Services.AddRxMonitor(builder.Configuration.GetSection("RxMonitor")));
        return builder.Build();
    }
}
