using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// Takes the rules' alert events to people and systems: identity, de-duplication, flap detection, silences,
/// inhibition, grouping, routing and repeat, with every transition and notification written to history before
/// any sink hears of it.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> <see cref="Process"/> (and <see cref="OnNext"/>) is called on the pipeline's thread; group,
/// flapping and silence timers run on the <see cref="IScheduler"/>. One short lock serializes them; nothing inside it
/// blocks or does I/O: sinks run on their own consumers behind their own bounded queues.</para>
/// <para><b>Time.</b> Alert times (startsAt, endsAt, transitions) are the events' times; timers and notification
/// times are the scheduler's, so one <c>TestScheduler</c> drives a whole test.</para>
/// <para><b>Failure.</b> Only programmer errors throw. A throwing history, sink or failure listener is isolated,
/// counted and reported through <see cref="IFailureListener"/>; the manager goes on.</para>
/// </remarks>
public sealed partial class AlertManager : IObserver<AlertEvent>, IAsyncDisposable
{
    private const string EveryReceiver = "*";
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromTicks(1);
    private readonly Lock _gate = new();
    private readonly IScheduler _scheduler;
    private readonly IAlertHistory _history;
    private readonly FailureReporter _reporter;
    private readonly IFailureListener? _failureListener;
    private readonly RouteNode _root;
    private readonly InhibitRule[] _inhibitRules;
    private readonly FlapSettings _flap;
    private readonly TimeSpan _resolvedRetention;
    private readonly DeliverySettings _delivery;
    private readonly AlertSinkRegistry _sinkTypes;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri? _externalUrl;
    private readonly Dictionary<ulong, AlertEntry> _alerts = [];
    private readonly Dictionary<string, AggregationGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NotificationLogEntry> _log = new(StringComparer.Ordinal);
    private readonly Dictionary<(SinkChannel Sink, string LogKey), NotificationLogEntry> _sent = [];
    private readonly Dictionary<(SinkChannel Sink, string LogKey), NotificationLogEntry> _accepted = [];
    private readonly Dictionary<(SinkChannel Sink, string LogKey), Guid> _latest = [];
    private readonly Dictionary<Guid, PendingDelivery> _inFlight = [];
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompositeDisposable> _silenceTimers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReceiverRuntime> _receivers = new(StringComparer.Ordinal);
    private readonly List<IAlertSink> _ownedSinks = [];
    private readonly List<RouteNode> _routeScratch = [];
    private readonly List<IDisposable> _restoreTimers = [];
    private SinkChannel[] _everyReceiverSinks = [];
    private IDisposable? _sweepTimer;
    private bool _stopped;
    private long _events;
    private long _duplicates;
    private long _ignored;
    private long _transitions;
    private long _notifications;
    private long _historyFailures;

    /// <summary>Creates an alert manager and the sinks its options configure.</summary>
    /// <param name="options">The configuration; validated here.</param>
    /// <param name="scheduler">Supplies time and timers (a <c>TestScheduler</c> in tests).</param>
    /// <param name="history">Where transitions, notifications and silences are recorded (default: in memory).</param>
    /// <param name="failureListener">Where isolated failures are reported.</param>
    /// <param name="sinkTypes">The sink types configuration may name (default: the built-in ones).</param>
    /// <param name="httpClient">The HTTP client for webhook and Alertmanager sinks (default: one owned by the manager).</param>
    /// <exception cref="ConfigurationException">The options are invalid; every problem is listed.</exception>
    public AlertManager(
        AlertingOptions options,
        IScheduler scheduler,
        IAlertHistory? history = null,
        IFailureListener? failureListener = null,
        AlertSinkRegistry? sinkTypes = null,
        HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        _sinkTypes = sinkTypes ?? new AlertSinkRegistry();
        ConfigurationException.ThrowIfAny(null, options.Validate(_sinkTypes));
        _scheduler = scheduler;
        _history = history ?? new InMemoryAlertHistory();
        _failureListener = failureListener;
        _reporter = new FailureReporter(failureListener, scheduler.AsTimeProvider());
        _root = RouteNode.Compile(options.Route);
        _inhibitRules = [.. (options.InhibitRules ?? []).Select(static r => new InhibitRule(r))];
        _flap = FlapSettings.From(options.Flapping ?? new FlappingOptions());
        _healthAlerts = CopyOf(options.HealthAlerts);
        _resolvedRetention = ConfigurationDuration.TryParse(options.ResolvedRetention, out var retention) ? retention : TimeSpan.FromMinutes(30);
        _delivery = DeliverySettings.Resolve(options.Delivery, DeliverySettings.Default);
        _externalUrl = options.ExternalUrl is { } url ? new Uri(url) : null;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        BuildReceivers(options);
    }

    /// <summary>The receiver names, from configuration.</summary>
    public IReadOnlyCollection<string> Receivers => _receivers.Keys;

    /// <summary>Processes one alert event: the hot path, on the pipeline's thread.</summary>
    /// <param name="alertEvent">The event.</param>
    /// <remarks>Never blocks; a duplicate event (same state and severity) only refreshes the alert's value and annotations.</remarks>
    public void Process(AlertEvent alertEvent)
    {
        ArgumentNullException.ThrowIfNull(alertEvent);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _events++;
            try
            {
                ProcessLocked(alertEvent);
            }
            // An internal failure for one event must not stop the pipeline.
            catch (Exception ex)
            {
                _reporter.Report(PipelineComponent.AlertManager, alertEvent.RuleName, $"Processing an alert event for {alertEvent.Labels} failed; the event was skipped.", ex);
            }
        }
    }

    /// <summary>Processes one alert event (the seed's call); completes synchronously.</summary>
    /// <param name="alert">The event.</param>
    /// <returns>A completed task.</returns>
    public ValueTask ProcessAlertAsync(AlertEvent alert)
    {
        Process(alert);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void OnNext(AlertEvent value) => Process(value);

    /// <inheritdoc />
    public void OnError(Exception error) =>
        _reporter.Report(PipelineComponent.AlertManager, "alert-events", "The alert event stream failed; no more events will arrive from it.", error);

    /// <inheritdoc />
    public void OnCompleted()
    {
    }

    /// <summary>The alerts that are pending or firing now, oldest first.</summary>
    /// <returns>Snapshots of the active alerts.</returns>
    public IReadOnlyList<Alert> GetActiveAlerts()
    {
        lock (_gate)
        {
            return [.. _alerts.Values.Where(static e => e.State != AlertState.Resolved).Select(static e => e.Snapshot()).OrderBy(static a => a.ActiveAt).ThenBy(static a => a.Fingerprint)];
        }
    }

    /// <summary>The recorded transitions of one rule ("type"), severity and period (the seed's query); any filter may be left out.</summary>
    /// <param name="type">The rule name.</param>
    /// <param name="severity">The exact severity.</param>
    /// <param name="since">The earliest time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The transitions, oldest first.</returns>
    public ValueTask<IReadOnlyList<AlertTransition>> GetAlertHistoryAsync(string? type = null, Severity? severity = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        _history.QueryTransitionsAsync(new AlertHistoryQuery { RuleName = type, Severity = severity, Since = since }, cancellationToken);

    /// <summary>The history this manager records to, for richer queries.</summary>
    public IAlertHistory History => _history;

    /// <summary>Adds a delegate sink (the seed's <c>AddHandler</c>) behind its own queue.</summary>
    /// <param name="handler">Called once per notification on the sink's consumer; may throw or be slow without harming anything else.</param>
    /// <param name="receiver">The receiver whose notifications it gets; <see langword="null"/> for every receiver's.</param>
    public void AddHandler(Func<AlertNotification, CancellationToken, ValueTask> handler, string? receiver = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddSink(new DelegateAlertSink(handler, $"handler:{receiver ?? EveryReceiver}"), receiver);
    }

    /// <summary>Adds a synchronous delegate sink.</summary>
    /// <param name="handler">Called once per notification on the sink's consumer.</param>
    /// <param name="receiver">The receiver whose notifications it gets; <see langword="null"/> for every receiver's.</param>
    public void AddHandler(Action<AlertNotification> handler, string? receiver = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler((n, _) =>
        {
            handler(n);
            return ValueTask.CompletedTask;
        }, receiver);
    }

    /// <summary>Adds a sink behind its own bounded queue.</summary>
    /// <param name="sink">The sink (not disposed by the manager).</param>
    /// <param name="receiver">The receiver whose notifications it gets; <see langword="null"/> for every receiver's.</param>
    /// <param name="delivery">Delivery settings; unset values use the configured defaults.</param>
    /// <exception cref="ArgumentException">The receiver is not configured.</exception>
    public void AddSink(IAlertSink sink, string? receiver = null, SinkDeliveryOptions? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var settings = DeliverySettings.FromOptions(delivery, _delivery);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (receiver is null)
            {
                _everyReceiverSinks = [.. _everyReceiverSinks, new SinkChannel(sink, EveryReceiver, settings, _reporter, OnDeliveryOutcome)];
                return;
            }

            if (!_receivers.TryGetValue(receiver, out var runtime))
            {
                throw new ArgumentException($"Unknown receiver '{receiver}' (defined: {string.Join(", ", _receivers.Keys)}).", nameof(receiver));
            }

            runtime.Sinks = [.. runtime.Sinks, new SinkChannel(sink, receiver, settings, _reporter, OnDeliveryOutcome)];
        }
    }

    /// <summary>Delivery counters of every sink.</summary>
    /// <returns>One entry per sink.</returns>
    public IReadOnlyList<SinkStatistics> GetSinkStatistics()
    {
        lock (_gate)
        {
            return [.. _receivers.Values.SelectMany(static r => r.Sinks).Concat(_everyReceiverSinks).Select(static s => s.GetStatistics())];
        }
    }

    /// <summary>The manager's own counters.</summary>
    /// <returns>The counters.</returns>
    public AlertManagerStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new AlertManagerStatistics(_events, _duplicates, _ignored, _transitions, _notifications, _historyFailures, _alerts.Count, _groups.Count);
        }
    }

    /// <summary>Stops timers and intake, lets sink queues drain until <paramref name="cancellationToken"/> is cancelled, then abandons what is left (counted as dropped).</summary>
    /// <param name="cancellationToken">Ends the drain.</param>
    /// <returns>A task that completes when every sink consumer stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        SinkChannel[] channels;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            foreach (var group in _groups.Values)
            {
                group.Timer?.Dispose();
            }

            foreach (var entry in _alerts.Values)
            {
                entry.FlapTimer?.Dispose();
            }

            foreach (var id in _silenceTimers.Keys.ToList())
            {
                DisposeSilenceTimers(id);
            }

            _sweepTimer?.Dispose();
            foreach (var timer in _restoreTimers)
            {
                timer.Dispose();
            }

            channels = [.. _receivers.Values.SelectMany(static r => r.Sinks).Concat(_everyReceiverSinks)];
        }

        await Task.WhenAll(channels.Select(c => c.StopAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var sink in _ownedSinks)
        {
            (sink as IDisposable)?.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Stops at once: queued notifications are dropped (and counted). Call <see cref="StopAsync"/> first to drain.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync() => await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);

    private void BuildReceivers(AlertingOptions options)
    {
        var receivers = options.Receivers is { Count: > 0 } list ? list : [new ReceiverOptions { Name = AlertingOptionsValidator.DefaultReceiver }];
        foreach (var receiver in receivers)
        {
            var runtime = new ReceiverRuntime(receiver.Name, receiver.SendResolved);
            var context = new AlertSinkContext(receiver.Name, _reporter.Time, _http, _failureListener, _externalUrl) { Services = _sinkTypes.Services };
            foreach (var sinkOptions in receiver.Sinks ?? [])
            {
                var sink = _sinkTypes.Create(sinkOptions, context with { SinkName = sinkOptions.Name ?? $"{sinkOptions.Type.ToLowerInvariant()}:{receiver.Name}" });
                _ownedSinks.Add(sink);
                runtime.Sinks = [.. runtime.Sinks, new SinkChannel(sink, receiver.Name, DeliverySettings.Resolve(sinkOptions.Delivery, _delivery), _reporter, OnDeliveryOutcome)];
            }

            _receivers[receiver.Name] = runtime;
        }
    }

    private void ProcessLocked(AlertEvent alertEvent)
    {
        var fingerprint = alertEvent.Labels.Fingerprint;
        if (!_alerts.TryGetValue(fingerprint, out var entry))
        {
            if (alertEvent.State == AlertState.Resolved)
            {
                _ignored++;
                return;
            }

            entry = new AlertEntry(alertEvent);
            _alerts.Add(fingerprint, entry);
            entry.Apply(alertEvent, newInstance: true);
            Record(entry, alertEvent.State == AlertState.Pending ? AlertChange.Pending : AlertChange.Firing, null, null, alertEvent.Timestamp);
            AfterChange(entry, alertEvent.Timestamp);
            return;
        }

        if (entry.AwaitsConfirmation && alertEvent.State != AlertState.Resolved)
        {
            entry.AwaitsConfirmation = false;
            if (entry.State == AlertState.Firing && alertEvent.State == AlertState.Pending)
            {
                // The rule restarted its for-clock; the restored alert keeps firing with its original activeAt.
                _duplicates++;
                entry.Touch(alertEvent);
                return;
            }
        }

        var previousState = entry.State;
        var previousSeverity = entry.Severity;
        var sameSeverity = previousSeverity == alertEvent.Severity;
        if (alertEvent.State == previousState && (sameSeverity || previousState == AlertState.Resolved))
        {
            _duplicates++;
            if (previousState != AlertState.Resolved)
            {
                entry.Touch(alertEvent);
            }

            return;
        }

        var newInstance = previousState == AlertState.Resolved;
        var change = alertEvent.State switch
        {
            _ when alertEvent.State == previousState => AlertChange.SeverityChanged,
            AlertState.Pending => AlertChange.Pending,
            AlertState.Firing => AlertChange.Firing,
            _ => AlertChange.Resolved,
        };
        entry.Apply(alertEvent, newInstance);
        Record(entry, change, previousState, previousSeverity, alertEvent.Timestamp);
        AfterChange(entry, alertEvent.Timestamp);
    }

    private void AfterChange(AlertEntry entry, DateTimeOffset time)
    {
        if (_flap.Enabled)
        {
            entry.Flap ??= new FlapDetector(_flap);
            if (entry.Flap.Observe(time, entry.Level))
            {
                OnFlappingChanged(entry, time);
            }
        }

        if (UpdateInhibitionSources(entry))
        {
            RecomputeSuppression(time);
        }
        else
        {
            UpdateSuppression(entry, time);
        }

        if (entry.State == AlertState.Firing)
        {
            Route(entry);
        }
        else if (entry.State == AlertState.Resolved)
        {
            EnsureSweep();
        }
    }

    private void Record(AlertEntry entry, AlertChange change, AlertState? previousState, Severity? previousSeverity, DateTimeOffset time)
    {
        _transitions++;
        try
        {
            _history.RecordTransition(new AlertTransition(entry.Snapshot(), change, previousState, previousSeverity, time));
        }
        // A failing history is reported; alerting goes on.
        catch (Exception ex)
        {
            _historyFailures++;
            _reporter.Report(PipelineComponent.AlertManager, entry.RuleName, $"Recording the {change} transition of {entry.Labels} failed.", ex);
        }
    }

    private void RecordSilence(Silence silence)
    {
        try
        {
            _history.RecordSilence(silence);
        }
        // A failing history is reported; alerting goes on.
        catch (Exception ex)
        {
            _historyFailures++;
            _reporter.Report(PipelineComponent.AlertManager, "silences", $"Recording silence {silence.Id} failed.", ex);
        }
    }
}
