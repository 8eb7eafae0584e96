using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>An alert manager on a <see cref="TestScheduler"/> with an in-memory history: events in, history out, all in virtual time.</summary>
internal sealed class AlertingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public AlertingHarness(AlertingOptions? options = null, IAlertHistory? history = null)
    {
        Scheduler = new TestScheduler();
        Scheduler.AdvanceTo(Start.UtcTicks);
        History = history ?? new InMemoryAlertHistory();
        Options = options ?? FastOptions();
        Manager = new AlertManager(Options, Scheduler, History, Failures);
    }

    public TestScheduler Scheduler { get; }

    public IAlertHistory History { get; }

    public AlertingOptions Options { get; }

    public AlertManager Manager { get; }

    public CollectingFailureListener Failures { get; } = new();

    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>Options with group wait 10s, group interval 1m, repeat 1h, flapping off.</summary>
    public static AlertingOptions FastOptions(Action<AlertingOptions>? configure = null)
    {
        var options = new AlertingOptions
        {
            Route = new RouteOptions { GroupWait = "10s", GroupInterval = "1m", RepeatInterval = "1h", GroupBy = ["alertname"] },
            Flapping = new FlappingOptions { Enabled = false },
        };
        configure?.Invoke(options);
        return options;
    }

    public static LabelSet Labels(string rule, params (string Name, string Value)[] labels) =>
        LabelSet.Create([.. labels.Select(static l => new Label(l.Name, l.Value)), new Label("alertname", rule)]);

    public AlertEvent Event(string rule, AlertState state, Severity severity = Severity.Warning, params (string Name, string Value)[] labels) => new()
    {
        RuleName = rule,
        State = state,
        Severity = severity,
        Labels = Labels(rule, labels),
        Timestamp = Now,
        ActiveAt = Now,
        Value = 42,
    };

    public AlertEvent Fire(string rule, Severity severity = Severity.Warning, params (string Name, string Value)[] labels) =>
        Send(Event(rule, AlertState.Firing, severity, labels));

    public AlertEvent Resolve(string rule, Severity severity = Severity.Warning, params (string Name, string Value)[] labels) =>
        Send(Event(rule, AlertState.Resolved, severity, labels));

    public AlertEvent Send(AlertEvent alertEvent)
    {
        Manager.Process(alertEvent);
        return alertEvent;
    }

    public void Advance(TimeSpan by) => Scheduler.AdvanceBy(by.Ticks);

    /// <summary>Delivery that gives up after two attempts a second apart, with no circuit breaker in the way.</summary>
    public static SinkDeliveryOptions TwoAttempts => new() { MaxRetries = 1, BaseDelay = "1s", MaxDelay = "1s", Timeout = "5s", BreakerFailureThreshold = 100 };

    /// <summary>Advances virtual time a second at a time until the sinks' consumer threads have done what we wait for.</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, string what) => Eventually.TrueAsync(() =>
    {
        if (condition())
        {
            return true;
        }

        Advance(TimeSpan.FromSeconds(1));
        return false;
    }, what);

    public IReadOnlyList<AlertNotification> Notifications(AlertHistoryQuery? query = null) =>
        History.QueryNotificationsAsync(query ?? AlertHistoryQuery.All).AsTask().GetAwaiter().GetResult();

    public IReadOnlyList<AlertTransition> Transitions(AlertHistoryQuery? query = null) =>
        History.QueryTransitionsAsync(query ?? AlertHistoryQuery.All).AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => Manager.DisposeAsync();
}
