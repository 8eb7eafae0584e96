using System.Buffers;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Tests.Exposition;

public sealed class AlertJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 1, 2, 3, TimeSpan.Zero);

    private static Alert Alert(params Label[] labels)
    {
        var set = LabelSet.Create([new Label("alertname", "high_cpu"), .. labels]);
        return new Alert
        {
            Fingerprint = set.Fingerprint,
            RuleName = "high_cpu",
            Labels = set,
            Annotations = new Dictionary<string, string> { ["summary"] = "hot" },
            Severity = Severity.Error,
            State = AlertState.Firing,
            ActiveAt = T0,
            StartsAt = T0.AddTicks(12_345),
            UpdatedAt = T0.AddMinutes(1),
            Value = 0.97,
            Kind = AlertEventKind.NoData,
            IsFlapping = true,
            SilencedBy = ["s1"],
            InhibitedBy = [0x10],
        };
    }

    private static JsonElement Write(Alert alert, params string[] receivers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            AlertJson.WriteAlert(json, alert, receivers);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    [Fact]
    public void WriteAlert_SilencedAlert_StatusSuppressedWithItsSilencesAndInhibitors()
    {
        var status = Write(Alert()).GetProperty("status");

        Assert.Equal("suppressed", status.GetProperty("state").GetString());
        Assert.Equal("s1", Assert.Single(status.GetProperty("silencedBy").EnumerateArray()).GetString());
        Assert.Equal("0000000000000010", Assert.Single(status.GetProperty("inhibitedBy").EnumerateArray()).GetString());
    }

    [Fact]
    public void WriteAlert_ActiveAlert_EndsAtIsAlertmanagersZeroTime()
    {
        Assert.Equal("0001-01-01T00:00:00Z", Write(Alert()).GetProperty("endsAt").GetString());
    }

    [Fact]
    public void WriteAlert_AlertWithoutSeverityLabel_LabelsCarryItsSeverity()
    {
        Assert.Equal("error", Write(Alert()).GetProperty("labels").GetProperty("severity").GetString());
    }

    [Fact]
    public void WriteAlert_Receivers_ListedByName()
    {
        var receivers = Write(Alert(), "team-db", "pager").GetProperty("receivers").EnumerateArray().Select(static r => r.GetProperty("name").GetString());

        Assert.Equal(["team-db", "pager"], receivers);
    }

    [Fact]
    public void ReadAlert_WrittenAlert_EveryFieldBack()
    {
        var alert = Alert(new Label("host", "a")) with { EndsAt = T0.AddMinutes(2), Series = SeriesKey.Create("cpu", new Label("host", "a")) };

        var read = AlertJson.ReadAlert(Write(alert));

        Assert.Equal(alert.Labels, read.Labels);
        Assert.Equal(
            (alert.Fingerprint, alert.RuleName, alert.Severity, alert.State, alert.Kind, alert.Value, alert.IsFlapping),
            (read.Fingerprint, read.RuleName, read.Severity, read.State, read.Kind, read.Value, read.IsFlapping));
        Assert.Equal((alert.ActiveAt, alert.StartsAt, alert.EndsAt, alert.UpdatedAt), (read.ActiveAt, read.StartsAt, read.EndsAt, read.UpdatedAt));
        Assert.Equal(alert.SilencedBy, read.SilencedBy);
        Assert.Equal(alert.InhibitedBy, read.InhibitedBy);
        Assert.Equal(alert.Annotations, read.Annotations);
        Assert.Equal(alert.Series, read.Series);
    }

    [Fact]
    public void ReadAlert_AlertWithItsOwnSeverityLabel_KeepsTheLabel()
    {
        var alert = Alert(new Label("severity", "error"));

        var read = AlertJson.ReadAlert(Write(alert));

        Assert.Equal("error", read.Labels.Get("severity"));
        Assert.Equal(alert.Fingerprint, read.Labels.Fingerprint);
    }

    [Fact]
    public void ReadAlert_NoValue_ValueIsNaN()
    {
        Assert.True(double.IsNaN(AlertJson.ReadAlert(Write(Alert() with { Value = double.NaN })).Value));
    }

    [Fact]
    public void ReadAlert_UnknownState_ThrowsNamingTheField()
    {
        var json = Write(Alert()).GetRawText().Replace("\"firing\"", "\"burning\"", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<JsonException>(() => AlertJson.ReadAlert(document.RootElement));

        Assert.Contains("'state'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTransition_Transition_ChangeAndPreviousStateBesideTheAlert()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            AlertJson.WriteTransition(json, new AlertTransition(Alert(), AlertChange.SeverityChanged, AlertState.Firing, Severity.Warning, T0.AddMinutes(1)));
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var root = document.RootElement;

        Assert.Equal(
            ("severityChanged", "firing", "warning", "error"),
            (root.GetProperty("change").GetString(), root.GetProperty("previousState").GetString(), root.GetProperty("previousSeverity").GetString(),
                root.GetProperty("alert").GetProperty("rxmonitor").GetProperty("severity").GetString()));
        Assert.Equal(T0.AddMinutes(1), root.GetProperty("timestamp").GetDateTimeOffset());
    }
}
