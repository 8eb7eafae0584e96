using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class AlertingOptionsTests
{
    private const string Valid = """
        {
          // comments are allowed
          "RxMonitor": {
            "Alerting": {
              "receivers": [
                { "name": "default", "sinks": [ { "type": "console" } ] },
                { "name": "pager", "sendResolved": false, "sinks": [ { "type": "webhook", "url": "http://127.0.0.1:5001/hook", "delivery": { "capacity": 10, "fullMode": "DropNewest" } } ] }
              ],
              "route": {
                "receiver": "default", "groupBy": ["alertname"], "groupWait": "30s", "groupInterval": "5m", "repeatInterval": "4h",
                "routes": [ { "matchers": ["severity=\"critical\""], "receiver": "pager", "continue": true } ]
              },
              "inhibitRules": [ { "sourceMatchers": ["severity=critical"], "targetMatchers": ["severity=warning"], "equal": ["instance"] } ],
              "flapping": { "history": 11, "low": 0.1, "high": 0.3, "evaluationInterval": "30s" }
            }
          }
        }
        """;

    [Fact]
    public void FromJson_AlertingSection_ReadsEveryPart()
    {
        var options = AlertingOptions.FromJson(Valid);

        Assert.Equal(["default", "pager"], options.Receivers.Select(static r => r.Name));
        Assert.False(options.Receivers[1].SendResolved);
        Assert.Equal(System.Threading.Channels.BoundedChannelFullMode.DropNewest, options.Receivers[1].Sinks[0].Delivery!.FullMode);
        Assert.True(Assert.Single(options.Route.Routes).Continue);
        Assert.Equal(["instance"], Assert.Single(options.InhibitRules).Equal);
        Assert.Equal(11, options.Flapping.History);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void FromJson_MissingSection_ReturnsDefaultsThatAreValid()
    {
        var options = AlertingOptions.FromJson("""{ "RxMonitor": {} }""");

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void FromJson_WrongValueType_NamesThePath()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            AlertingOptions.FromJson("""{ "RxMonitor": { "Alerting": { "flapping": { "history": "many" } } } }"""));

        Assert.StartsWith("RxMonitor:Alerting:flapping:history:", Assert.Single(error.Problems.Select(static p => p.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_UnknownProperty_IsReported()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            AlertingOptions.FromJson("""{ "RxMonitor": { "Alerting": { "route": { "recever": "x" } } } }"""));

        Assert.Contains("recever", Assert.Single(error.Problems.Select(static p => p.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryKindOfProblem_ListsEachWithItsJsonPath()
    {
        var options = AlertingOptions.FromJson("""
            { "RxMonitor": { "Alerting": {
              "receivers": [ { "name": "default", "sinks": [ { "type": "carrier-pigeon" }, { "type": "webhook" } ] } ],
              "route": {
                "groupWait": "soon",
                "routes": [
                  { "receiver": "nobody", "matchers": ["=~\"x\"", "team=~\"(\""] },
                  { "receiver": "default", "repeatInterval": "0s" }
                ]
              },
              "inhibitRules": [ { "sourceMatchers": [], "targetMatchers": ["severity=warning"], "equal": ["1bad"] } ],
              "delivery": { "fullMode": "Wait" }
            } } }
            """);

        var errors = options.Validate().Select(static p => p.ToString());

        Assert.Collection(
            errors,
            e => Assert.StartsWith("RxMonitor:Alerting:receivers:0:sinks:0:type: unknown sink type 'carrier-pigeon'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:receivers:0:sinks:1:Url: is required", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:route:groupWait: expected a duration (30s, 1m30s or 00:01:30), found 'soon'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:route:routes:0:receiver: unknown receiver 'nobody'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:route:routes:0:matchers:0: '=~\"x\"' names no label", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:route:routes:0:matchers:1: '(' is not a valid regular expression", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:route:routes:1:repeatInterval: must be greater than 0", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:inhibitRules:0:sourceMatchers: at least one matcher is required", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:inhibitRules:0:equal:0: '1bad' is not a valid label name", e, StringComparison.Ordinal),
            e => Assert.StartsWith("RxMonitor:Alerting:delivery:fullMode: 'Wait' is not allowed", e, StringComparison.Ordinal));
    }

    [Fact]
    public void AlertManager_InvalidOptions_ThrowsWithEveryProblem()
    {
        var options = new AlertingOptions { Route = new RouteOptions { Receiver = "nobody", GroupInterval = "never" } };

        var error = Assert.Throws<ConfigurationException>(() => new AlertManager(options, new Microsoft.Reactive.Testing.TestScheduler()));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("RxMonitor:Alerting:Route:Receiver: unknown receiver 'nobody'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RegisteredSinkType_IsAccepted()
    {
        var options = new AlertingOptions { Receivers = [new() { Name = "default", Sinks = [new() { Type = "serilog" }] }] };

        Assert.Empty(options.Validate(new AlertSinkRegistry().AddSinkType("serilog", static _ => new CollectingAlertSink())));
        Assert.Single(options.Validate());
    }
}
