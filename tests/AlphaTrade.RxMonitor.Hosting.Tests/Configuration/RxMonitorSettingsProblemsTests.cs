using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Sqlite.Hosting;
using System.Text;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Configuration;

public sealed class RxMonitorSettingsProblemsTests
{
    private static List<string> Problems(IConfiguration configuration)
    {
        Assert.Null(RxMonitorSettings.Read(configuration.GetSection("RxMonitor"), new AlertSinkRegistry(), new SqliteStoreProvider(), false, null, [], out var problems));
        return [.. problems.Select(static p => p.ToString())];
    }

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Read_ProblemsInEverySection_AreListedTogetherEachAtTheKeyAsTyped()
    {
        var problems = Problems(Json("""
            {"RxMonitor": {
              "Rules": [{"name": "A", "series": "cpu", "threshold": {"abve": 1}}],
              "Alerting": {"route": {"groupWait": "soon"}},
              "Sqlite": {"path": " "},
              "Ingest": {"maxBatch": 0},
              "Http": {"Port": "many"}
            }}
            """));

        Assert.Equal(
            [
                "RxMonitor:Http:Port: expected a whole number, found 'many'",
                "unknown key RxMonitor:Rules:0:threshold:abve (did you mean RxMonitor:Rules:0:threshold:above?)",
                "RxMonitor:Rules:0:threshold: set either 'above' or 'below'",
                "RxMonitor:Alerting:route:groupWait: expected a duration (30s, 1m30s or 00:01:30), found 'soon'",
                "RxMonitor:Sqlite:path: must name a database file.",
                "RxMonitor:Ingest:maxBatch: must be at least 1, was 0.",
            ],
            problems);
    }

    [Fact]
    public void Read_MissingKey_IsNamedInTheDocumentedCasingAfterTheKeysAsTyped()
    {
        var problems = Problems(Json("""{"RxMonitor": {"alerting": {"receivers": [{"name": "hook", "sinks": [{"type": "webhook"}]}], "route": {"receiver": "hook"}}}}"""));

        Assert.Equal(["RxMonitor:alerting:receivers:0:sinks:0:Url: is required for a webhook sink."], problems);
    }

    [Fact]
    public void Read_EnvironmentVariables_AreReportedAsTheConfigurationKey()
    {
        const string Prefix = "RXMON13M_SETTINGS_TEST_";
        Environment.SetEnvironmentVariable(Prefix + "RXMONITOR__ALERTING__ROUTE__GROUPWAIT", "soon");
        Environment.SetEnvironmentVariable(Prefix + "RXMONITOR__ALERTING__ROUTE__GROUPWAT", "5s");
        Environment.SetEnvironmentVariable(Prefix + "RXMONITOR__INGEST__MAXBATCH", "0");
        try
        {
            var problems = Problems(new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build());

            Assert.Equal(
                [
                    "unknown key RxMonitor:Alerting:Route:GROUPWAT (did you mean RxMonitor:Alerting:Route:GroupWait?)",
                    "RxMonitor:Alerting:Route:GroupWait: expected a duration (30s, 1m30s or 00:01:30), found 'soon'",
                    "RxMonitor:Ingest:MaxBatch: must be at least 1, was 0.",
                ],
                problems);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Prefix + "RXMONITOR__ALERTING__ROUTE__GROUPWAIT", null);
            Environment.SetEnvironmentVariable(Prefix + "RXMONITOR__ALERTING__ROUTE__GROUPWAT", null);
            Environment.SetEnvironmentVariable(Prefix + "RXMONITOR__INGEST__MAXBATCH", null);
        }
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("1m30s", 90)]
    [InlineData("00:01:30", 90)]
    public void Read_DurationInEitherForm_IsAcceptedForStringAndTimeSpanKeys(string text, int seconds)
    {
        var configuration = Json($$$"""
            {"RxMonitor": {"DefaultRules": false, "EvaluationInterval": "{{{text}}}", "Sources": {"Interval": "{{{text}}}"},
              "Rules": [{"name": "A", "series": "cpu", "for": "{{{text}}}", "threshold": {"above": 1}}]}}
            """);

        var settings = RxMonitorSettings.Read(configuration.GetSection("RxMonitor"), new AlertSinkRegistry(), new SqliteStoreProvider(), false, null, [], out var problems);

        Assert.Empty(problems);
        var expected = TimeSpan.FromSeconds(seconds);
        Assert.Equal((expected, expected, expected), (settings!.Evaluation.EvaluationInterval, settings.Polling.Interval, Assert.Single(settings.Rules).For));
    }
}
