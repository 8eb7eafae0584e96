using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Sqlite;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Configuration;

public sealed class StrictConfigurationReaderTests
{
    private static IConfigurationSection Section(string path, params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(static v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build()
            .GetSection(path);

    [Fact]
    public void Read_NestedListsDurationsAndEnums_FillsTheOptions()
    {
        var options = new AlertingOptions();
        var problems = new List<ConfigurationProblem>();

        StrictConfigurationReader.Read(
            Section("RxMonitor:Alerting", ("RxMonitor:Alerting:Route:GroupWait", "5s"), ("RxMonitor:Alerting:Route:Matchers:0", "team=\"db\""),
                ("RxMonitor:Alerting:Route:Routes:0:Receiver", "pager"), ("RxMonitor:Alerting:Receivers:0:Name", "pager"),
                ("RxMonitor:Alerting:Receivers:0:Sinks:0:Type", "console"), ("RxMonitor:Alerting:Flapping:Low", "0.1")),
            options,
            problems);

        Assert.Empty(problems);
        Assert.Equal("5s", options.Route.GroupWait);
        Assert.Equal(["team=\"db\""], options.Route.Matchers);
        Assert.Equal("pager", Assert.Single(options.Route.Routes).Receiver);
        Assert.Equal("console", Assert.Single(Assert.Single(options.Receivers).Sinks).Type);
        Assert.Equal(0.1, options.Flapping.Low);
    }

    [Fact]
    public void Read_TimeSpanAndEnum_AcceptBothDurationFormsAndNamesInAnyCase()
    {
        var options = new SqliteStoreOptions();
        var problems = new List<ConfigurationProblem>();

        StrictConfigurationReader.Read(
            Section("RxMonitor:Sqlite", ("RxMonitor:Sqlite:BatchDelay", "250ms"), ("RxMonitor:Sqlite:MaintenanceInterval", "00:10:00"), ("RxMonitor:Sqlite:Synchronous", "full")),
            options,
            problems);

        Assert.Empty(problems);
        Assert.Equal((TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(10), SqliteSynchronousMode.Full), (options.BatchDelay, options.MaintenanceInterval, options.Synchronous));
    }

    [Fact]
    public void Read_CallbackProperty_IsNotConfigurable()
    {
        var problems = new List<ConfigurationProblem>();

        StrictConfigurationReader.Read(Section("RxMonitor:Sqlite", ("RxMonitor:Sqlite:OnBatchCommitted", "x")), new SqliteStoreOptions(), problems);

        Assert.StartsWith("unknown key RxMonitor:Sqlite:OnBatchCommitted (known keys: Path, ", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryProblemOfTheSection_IsListed()
    {
        var problems = new List<ConfigurationProblem>();

        StrictConfigurationReader.Read(
            Section("RxMonitor:Sqlite", ("RxMonitor:Sqlite:QueueCapacity", "99999999999"), ("RxMonitor:Sqlite:RollupSketches", "maybe"), ("RxMonitor:Sqlite:Pth", "x"), ("RxMonitor:Sqlite:BatchSize:0", "1")),
            new SqliteStoreOptions(),
            problems);

        Assert.Equal(
            [
                "RxMonitor:Sqlite:BatchSize: expected a whole number, found a section (0)",
                "unknown key RxMonitor:Sqlite:Pth (did you mean RxMonitor:Sqlite:Path?)",
                "RxMonitor:Sqlite:QueueCapacity: 99999999999 is out of range (at most 2147483647)",
                "RxMonitor:Sqlite:RollupSketches: expected true or false, found 'maybe'",
            ],
            problems.Select(static p => p.ToString()));
    }
}
