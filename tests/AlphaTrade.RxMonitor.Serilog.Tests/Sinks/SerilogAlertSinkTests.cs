using System.Collections.Concurrent;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Serilog.Sinks;
using Microsoft.Reactive.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AlphaTrade.RxMonitor.Serilog.Tests.Sinks;

public sealed class SerilogAlertSinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Collector _events = new();

    private Logger Logger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(_events).CreateLogger();

    private static Alert Alert(AlertState state, Severity severity)
    {
        var labels = LabelSet.Create(new Label("alertname", "DiskFull"), new Label("instance", "db-1"));
        return new Alert
        {
            Fingerprint = labels.Fingerprint,
            RuleName = "DiskFull",
            Labels = labels,
            Annotations = new Dictionary<string, string> { ["summary"] = "disk almost full" },
            Severity = severity,
            State = state,
            ActiveAt = Start,
            StartsAt = Start,
            UpdatedAt = Start,
            Value = 97.5,
        };
    }

    private static AlertNotification Notification(NotificationKind kind, params Alert[] alerts) => new()
    {
        Id = Guid.NewGuid(),
        Receiver = "default",
        GroupKey = "{}:{}",
        GroupLabels = LabelSet.Empty,
        Kind = kind,
        Timestamp = Start,
        Alerts = alerts,
    };

    [Fact]
    public async Task SendAsync_FiringCritical_WritesFatalEventWithStructuredProperties()
    {
        var sink = new SerilogAlertSink(Logger());

        await sink.SendAsync(Notification(NotificationKind.Group, Alert(AlertState.Firing, Severity.Critical)), CancellationToken.None);

        var logEvent = Assert.Single(_events.Events);
        Assert.Equal(LogEventLevel.Fatal, logEvent.Level);
        Assert.Equal("\"DiskFull\"", logEvent.Properties["AlertName"].ToString());
        Assert.Equal("\"firing\"", logEvent.Properties["AlertStatus"].ToString());
        Assert.Equal("\"critical\"", logEvent.Properties["Severity"].ToString());
        var labels = Assert.IsType<DictionaryValue>(logEvent.Properties["Labels"]);
        Assert.Contains(labels.Elements, static kv => kv.Key.Value as string == "instance" && kv.Value.ToString() == "\"db-1\"");
        Assert.IsType<DictionaryValue>(logEvent.Properties["Annotations"]);
        Assert.Equal("\"default\"", logEvent.Properties["Receiver"].ToString());
        Assert.Equal(16 + 2, logEvent.Properties["Fingerprint"].ToString().Length);
    }

    [Fact]
    public async Task SendAsync_Firing_RendersAPlainReadableLine()
    {
        var sink = new SerilogAlertSink(Logger());

        await sink.SendAsync(Notification(NotificationKind.Group, Alert(AlertState.Firing, Severity.Warning)), CancellationToken.None);

        var logEvent = Assert.Single(_events.Events);
        Assert.Equal("Alert DiskFull firing (warning) alertname=DiskFull instance=db-1", logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(AlertState.Firing, Severity.Warning, NotificationKind.Group, LogEventLevel.Warning)]
    [InlineData(AlertState.Firing, Severity.Error, NotificationKind.Group, LogEventLevel.Error)]
    [InlineData(AlertState.Firing, Severity.Info, NotificationKind.Group, LogEventLevel.Information)]
    [InlineData(AlertState.Resolved, Severity.Critical, NotificationKind.Group, LogEventLevel.Information)]
    [InlineData(AlertState.Firing, Severity.Critical, NotificationKind.FlappingStarted, LogEventLevel.Warning)]
    public async Task SendAsync_StateSeverityAndKind_MapToLevel(AlertState state, Severity severity, NotificationKind kind, LogEventLevel level)
    {
        var sink = new SerilogAlertSink(Logger());

        await sink.SendAsync(Notification(kind, Alert(state, severity)), CancellationToken.None);

        Assert.Equal(level, Assert.Single(_events.Events).Level);
    }

    [Fact]
    public async Task SendAsync_GroupOfTwo_WritesOneEventPerAlert()
    {
        var sink = new SerilogAlertSink(Logger());

        await sink.SendAsync(Notification(NotificationKind.Group, Alert(AlertState.Firing, Severity.Warning), Alert(AlertState.Resolved, Severity.Warning)), CancellationToken.None);

        Assert.Equal(2, _events.Events.Count);
    }

    [Fact]
    public async Task AddSerilog_ConfiguredSerilogSink_ReceivesNotificationsFromTheAlertManager()
    {
        var registry = new AlertSinkRegistry().AddSerilog(Logger());
        var options = new AlertingOptions
        {
            Receivers = [new ReceiverOptions { Name = "default", Sinks = [new SinkOptions { Type = "serilog" }] }],
            Route = new RouteOptions { GroupWait = "10s" },
        };
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(Start.UtcTicks);
        await using var manager = new AlertManager(options, scheduler, sinkTypes: registry);
        manager.Process(new AlertEvent
        {
            RuleName = "DiskFull",
            State = AlertState.Firing,
            Severity = Severity.Error,
            Labels = LabelSet.Create(new Label("alertname", "DiskFull")),
            Timestamp = Start,
            ActiveAt = Start,
        });

        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        await _events.WaitForAnyAsync();
        Assert.Equal(LogEventLevel.Error, Assert.Single(_events.Events).Level);
    }

    private sealed class Collector : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Events => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public async Task WaitForAnyAsync()
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (_events.IsEmpty)
            {
                await Task.Delay(5, bound.Token);
            }
        }
    }
}
