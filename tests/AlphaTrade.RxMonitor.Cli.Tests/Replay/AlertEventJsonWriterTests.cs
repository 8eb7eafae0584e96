using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Cli.Replay;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

public sealed class AlertEventJsonWriterTests
{
    private static AlertEvent Event(double value, DateTimeOffset time, params Label[] labels) => new()
    {
        RuleName = "HighCpu",
        State = AlertState.Firing,
        Severity = Severity.Error,
        Labels = LabelSet.Create(labels),
        Value = value,
        Timestamp = time,
        ActiveAt = time,
    };

    [Fact]
    public void Format_Event_WritesTheIssueShape()
    {
        var alert = Event(95, new DateTimeOffset(2026, 1, 1, 0, 2, 0, TimeSpan.Zero), new Label("alertname", "HighCpu"), new Label("instance", "a"));

        Assert.Equal(
            """{"time":"2026-01-01T00:02:00Z","rule":"HighCpu","state":"firing","severity":"error","labels":{"alertname":"HighCpu","instance":"a"},"value":95.0}""",
            AlertEventJsonWriter.Format(alert));
    }

    [Fact]
    public void Format_NoValueAndFractionalTime_WritesNullAndFraction()
    {
        var alert = Event(double.NaN, new DateTimeOffset(2026, 1, 1, 0, 2, 0, 250, TimeSpan.Zero));

        var json = AlertEventJsonWriter.Format(alert);

        Assert.Contains("\"time\":\"2026-01-01T00:02:00.25Z\"", json, StringComparison.Ordinal);
        Assert.EndsWith("\"value\":null}", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(-3, "-3.0")]
    [InlineData(1e21, "1E+21")]
    public void Format_Value_KeepsADecimalPointOrExponent(double value, string text)
    {
        Assert.EndsWith($"\"value\":{text}}}", AlertEventJsonWriter.Format(Event(value, DateTimeOffset.UnixEpoch)), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LabelValueWithQuotesAndPlus_IsValidJsonWithoutHtmlEscapes()
    {
        var json = AlertEventJsonWriter.Format(Event(1, DateTimeOffset.UnixEpoch, new Label("path", "/a+b \"c\"")));

        Assert.Contains("\"path\":\"/a+b \\\"c\\\"\"", json, StringComparison.Ordinal);
    }
}
