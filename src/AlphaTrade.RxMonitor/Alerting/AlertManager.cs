using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting.Dispatch;
using AlphaTrade.RxMonitor.Alerting.Inhibition;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Alerting.Silencing;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// Takes the rules' alert events to people and systems: identity, de-duplication, flap detection, silences,
/// inhibition, grouping, routing and repeat, with every transition and notification written to history before
/// any sink hears of it.
/// </summary>
/// <remarks>
/// <para><b>Structure.</b> The manager orchestrates Alertmanager's parts, each owning its state and timers: the alert
/// store (identity, de-duplication, flapping), the silencer, the inhibitor (with the marker that applies both to each
/// alert), the dispatcher (route tree, aggregation groups, notification log, repeat) and the receivers (sink channels,
/// HTTP client); retention and restart confirmation are timers of their own.</para>
/// <para><b>Threading.</b> <see cref="Process"/> (and <see cref="OnNext"/>) is called on the pipeline's thread; group,
/// flapping and silence timers run on the <see cref="IScheduler"/>. One short lock serializes them; nothing inside it
/// blocks or does I/O: sinks run on their own consumers behind their own bounded queues.</para>
/// <para><b>Time.</b> Alert times (startsAt, endsAt, transitions) are the events' times; timers and notification
/// times are the scheduler's, so one <c>TestScheduler</c> drives a whole test.</para>
/// <para><b>Failure.</b> Only programmer errors throw. A throwing history, sink or failure listener is isolated,
/// counted and reported through <see cref="IFailureListener"/>; the manager goes on.</para>
/// </remarks>
public sealed class AlertManager : IObserver<AlertEvent>, IAsyncDisposable
{
    private readonly AlertingGate _gate;
    private readonly FailureReporter _reporter;
    private readonly AlertHistoryRecorder _recorder;
    private readonly AlertStore _store;
    private readonly Silencer _silencer;
    private readonly Inhibitor _inhibitor;
    private readonly SuppressionMarker _marker;
    private readonly ReceiverSet _receivers;
    private readonly Dispatcher _dispatcher;
    private readonly RetentionSweep _sweep;
    private readonly RestartConfirmation _confirmation;
    private long _events;

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
        sinkTypes ??= new AlertSinkRegistry();
        ConfigurationException.ThrowIfAny(null, options.Validate(sinkTypes));
        _gate = new AlertingGate(scheduler);
        _reporter = new FailureReporter(failureListener, scheduler.AsTimeProvider());
        _recorder = new AlertHistoryRecorder(history ?? new InMemoryAlertHistory(), _reporter);
        _store = new AlertStore(_gate, _recorder, FlapSettings.From(options.Flapping ?? new FlappingOptions()));
        _silencer = new Silencer(_gate, _recorder);
        _inhibitor = new Inhibitor(options.InhibitRules ?? []);
        _marker = new SuppressionMarker(_gate, _silencer, _inhibitor, _recorder);
        _receivers = new ReceiverSet(options, sinkTypes, _reporter, failureListener, httpClient, OnDeliveryOutcome);
        _dispatcher = new Dispatcher(_gate, RouteNode.Compile(options.Route), _receivers, _recorder, _reporter);
        var retention = ConfigurationDuration.TryParse(options.ResolvedRetention, out var resolvedRetention) ? resolvedRetention : TimeSpan.FromMinutes(30);
        _sweep = new RetentionSweep(_gate, retention, cutoff =>
        {
            Sweep(cutoff);
            return _store.HasResolved || _silencer.Count > 0 || _dispatcher.HasLogOfGoneGroups();
        });
        _confirmation = new RestartConfirmation(_gate, _store, EndUnconfirmed);
        _store.FlappingChanged = _dispatcher.NotifyFlapping;
        _silencer.Changed = RecomputeSuppression;
    }

    /// <summary>The receiver names, from configuration.</summary>
    public IReadOnlyCollection<string> Receivers => _receivers.Names;

    /// <summary>The history this manager records to, for richer queries.</summary>
    public IAlertHistory History => _recorder.History;

    /// <summary>How many notification-log entries the manager holds (the receivers' and the sinks'); for tests of pruning.</summary>
    internal int NotificationLogEntries
    {
        get
        {
            lock (_gate.Lock)
            {
                return _dispatcher.NotificationLogEntries;
            }
        }
    }

    /// <summary>Processes one alert event: the hot path, on the pipeline's thread.</summary>
    /// <param name="alertEvent">The event.</param>
    /// <remarks>Never blocks; a duplicate event (same state and severity) only refreshes the alert's value and annotations.</remarks>
    public void Process(AlertEvent alertEvent)
    {
        ArgumentNullException.ThrowIfNull(alertEvent);
        lock (_gate.Lock)
        {
            if (_gate.Stopped)
            {
                return;
            }

            _events++;
            try
            {
                Apply(alertEvent);
            }
            // An internal failure for one event must not stop the pipeline.
            catch (Exception ex)
            {
                _reporter.Report(PipelineComponent.AlertManager, alertEvent.RuleName, $"Processing an alert event for {alertEvent.Labels} failed; the event was skipped.", ex);
            }
        }
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
        lock (_gate.Lock)
        {
            return [.. _store.Entries.Where(static e => e.State != AlertState.Resolved).Select(static e => e.Snapshot()).OrderBy(static a => a.ActiveAt).ThenBy(static a => a.Fingerprint)];
        }
    }

    /// <summary>The receivers the route tree sends <paramref name="alert"/> to, as its current labels and severity route it.</summary>
    /// <param name="alert">An alert, e.g. from <see cref="GetActiveAlerts"/>.</param>
    /// <returns>The receivers' names, in route order, each once.</returns>
    /// <remarks>Thread-safe: reads only the route tree, which never changes after construction.</remarks>
    public IReadOnlyList<string> GetReceivers(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return _dispatcher.ReceiversOf(ExportedLabels.Of(alert));
    }

    /// <summary>The recorded transitions of one rule ("type"), severity and period (the seed's query); any filter may be left out.</summary>
    /// <param name="type">The rule name.</param>
    /// <param name="severity">The exact severity.</param>
    /// <param name="since">The earliest time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The transitions, oldest first.</returns>
    public ValueTask<IReadOnlyList<AlertTransition>> GetAlertHistoryAsync(string? type = null, Severity? severity = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        History.QueryTransitionsAsync(new AlertHistoryQuery { RuleName = type, Severity = severity, Since = since }, cancellationToken);

    /// <summary>Creates a silence (recorded in history); matching alerts are tracked and recorded but not notified while it is active.</summary>
    /// <param name="matchers">All must match; at least one must not match the empty string (no silence of everything).</param>
    /// <param name="startsAt">When it starts (may be in the past or future).</param>
    /// <param name="endsAt">When it ends; after <paramref name="startsAt"/> and in the future.</param>
    /// <param name="createdBy">Who creates it.</param>
    /// <param name="comment">Why.</param>
    /// <returns>The silence, with its id.</returns>
    /// <exception cref="ArgumentException">The matchers or times are invalid.</exception>
    public Silence CreateSilence(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string comment)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        ArgumentNullException.ThrowIfNull(comment);
        lock (_gate.Lock)
        {
            ObjectDisposedException.ThrowIf(_gate.Stopped, this);
            var silence = _silencer.Create(matchers, startsAt, endsAt, createdBy, comment);
            _sweep.Ensure();
            RecomputeSuppression(_gate.Now);
            return silence;
        }
    }

    /// <summary>Expires a silence now (recorded in history); its alerts are notified again at their groups' next flush.</summary>
    /// <param name="id">The silence's id.</param>
    /// <returns><see langword="true"/> when an unexpired silence was expired.</returns>
    public bool ExpireSilence(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate.Lock)
        {
            if (_gate.Stopped || !_silencer.Expire(id))
            {
                return false;
            }

            RecomputeSuppression(_gate.Now);
            return true;
        }
    }

    /// <summary>Every silence the manager holds (pending, active, and expired ones not yet cleaned up).</summary>
    /// <returns>The silences by start time.</returns>
    public IReadOnlyList<Silence> GetSilences()
    {
        lock (_gate.Lock)
        {
            return _silencer.Snapshot();
        }
    }

    /// <summary>Restores silences from the history (e.g. after a restart): unexpired ones take effect again.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>How many silences were restored.</returns>
    public async Task<int> RestoreSilencesAsync(CancellationToken cancellationToken = default)
    {
        var silences = await History.QuerySilencesAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate.Lock)
        {
            var restored = RestoreSilences(silences);
            RecomputeSuppression(_gate.Now);
            return restored;
        }
    }

    /// <summary>
    /// Restores state from a durable history after a restart: unexpired silences, the active (pending and firing)
    /// alerts, the resolved alerts whose resolution was not yet notified, and the notification log of each receiver and
    /// each of its sinks (what that sink accepted), so a firing alert is not notified again before its repeat interval,
    /// a sink that lost a notification another sink accepted still gets it, and a resolution is still notified.
    /// </summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>How many alerts were restored.</returns>
    /// <remarks>
    /// Call before the first event. Reads <see cref="IAlertHistory.LoadRecoveryStateAsync"/> once, as of the scheduler's
    /// time (the SQLite history answers it with indexed queries; the in-memory one in one pass). A restored resolved
    /// alert re-enters its groups so that their next flush sends the resolution the log still owes. Without the rules
    /// that run now, a restored alert stays active until its rule resolves it; the overload that takes
    /// <see cref="RestartRules"/> ends those no rule confirms.
    /// </remarks>
    public Task<int> RestoreAsync(CancellationToken cancellationToken = default) => RestoreCoreAsync(null, cancellationToken);

    /// <summary>
    /// Restores state as <see cref="RestoreAsync(CancellationToken)"/> does, then ends every restored pending or
    /// firing alert whose rule no longer exists (at once) or does not raise it again within the rule's confirmation
    /// time (Prometheus semantics: an alert not active at the first evaluation after a restart is dropped); each
    /// ending is a resolution, recorded and notified like any other.
    /// </summary>
    /// <param name="rules">The rules that run now, with their confirmation times.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>How many alerts were restored (including those ended at once).</returns>
    /// <remarks>
    /// A rule confirms a restored alert with any pending or firing event for it; a pending event for a restored firing
    /// alert keeps it firing with its original <c>activeAt</c> (the rule's <c>for</c> state is restored, as Prometheus
    /// restores <c>ALERTS_FOR_STATE</c>), so it is neither re-announced nor re-notified.
    /// </remarks>
    public Task<int> RestoreAsync(RestartRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return RestoreCoreAsync(rules, cancellationToken);
    }

    /// <summary>Forgets resolved alerts that ended before <paramref name="maxAge"/> ago, expired silences, and older history.</summary>
    /// <param name="maxAge">How much history to keep.</param>
    /// <param name="cancellationToken">Cancels the history deletion.</param>
    /// <returns>How many entries were removed (alerts, silences and history entries).</returns>
    public async Task<int> CleanupOldAlertsAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        DateTimeOffset cutoff;
        int removed;
        lock (_gate.Lock)
        {
            cutoff = _gate.Now - maxAge;
            removed = Sweep(cutoff);
        }

        return removed + await History.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a delegate sink (the seed's <c>AddHandler</c>) behind its own queue.</summary>
    /// <param name="handler">Called once per notification on the sink's consumer; may throw or be slow without harming anything else.</param>
    /// <param name="receiver">The receiver whose notifications it gets; <see langword="null"/> for every receiver's.</param>
    public void AddHandler(Func<AlertNotification, CancellationToken, ValueTask> handler, string? receiver = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddSink(new DelegateAlertSink(handler, $"handler:{receiver ?? ReceiverSet.EveryReceiver}"), receiver);
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
        lock (_gate.Lock)
        {
            ObjectDisposedException.ThrowIf(_gate.Stopped, this);
            _receivers.Add(sink, receiver, delivery);
        }
    }

    /// <summary>Delivery counters of every sink.</summary>
    /// <returns>One entry per sink.</returns>
    public IReadOnlyList<SinkStatistics> GetSinkStatistics()
    {
        lock (_gate.Lock)
        {
            return _receivers.GetStatistics();
        }
    }

    /// <summary>The manager's own counters.</summary>
    /// <returns>The counters.</returns>
    public AlertManagerStatistics GetStatistics()
    {
        lock (_gate.Lock)
        {
            return new AlertManagerStatistics(
                _events, _store.Duplicates, _store.Ignored, _recorder.Transitions, _dispatcher.Notifications, _recorder.HistoryFailures, _store.Count, _dispatcher.GroupCount);
        }
    }

    /// <summary>Stops timers and intake, lets sink queues drain until <paramref name="cancellationToken"/> is cancelled, then abandons what is left (counted as dropped).</summary>
    /// <param name="cancellationToken">Ends the drain.</param>
    /// <returns>A task that completes when every sink consumer stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        SinkChannel[] channels;
        lock (_gate.Lock)
        {
            if (_gate.Stopped)
            {
                return;
            }

            _gate.Stopped = true;
            _dispatcher.Stop();
            _store.Stop();
            _silencer.Stop();
            _sweep.Stop();
            _confirmation.Stop();
            channels = _receivers.AllChannels();
        }

        await _receivers.StopAsync(channels, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops at once: queued notifications are dropped (and counted). Call <see cref="StopAsync"/> first to drain.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync() => await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);

    /// <summary>A sink's answer to a notification, on its consumer thread: the dispatcher logs what was accepted.</summary>
    private void OnDeliveryOutcome(SinkChannel sink, AlertNotification notification, bool delivered) =>
        _dispatcher.OnDeliveryOutcome(sink, notification, delivered);

    private void Apply(AlertEvent alertEvent)
    {
        if (_store.Apply(alertEvent) is { } entry)
        {
            AfterChange(entry, alertEvent.Timestamp);
        }
    }

    /// <summary>A recorded transition (and its flapping notice) goes on to inhibition, suppression and the dispatcher.</summary>
    private void AfterChange(AlertEntry entry, DateTimeOffset time)
    {
        if (_inhibitor.UpdateSources(entry))
        {
            RecomputeSuppression(time);
        }
        else
        {
            _marker.Mark(entry, time);
        }

        if (entry.State == AlertState.Firing)
        {
            _dispatcher.Route(entry);
        }
        else if (entry.State == AlertState.Resolved)
        {
            _sweep.Ensure();
        }
    }

    private void RecomputeSuppression(DateTimeOffset time) => _marker.MarkAll(_store.Entries, time);

    private int RestoreSilences(IEnumerable<Silence> silences)
    {
        var restored = _silencer.Restore(silences);
        if (restored > 0)
        {
            _sweep.Ensure();
        }

        return restored;
    }

    private async Task<int> RestoreCoreAsync(RestartRules? rules, CancellationToken cancellationToken)
    {
        var state = await History.LoadRecoveryStateAsync(_gate.Now, cancellationToken).ConfigureAwait(false);
        lock (_gate.Lock)
        {
            RestoreSilences(state.Silences);
            _dispatcher.RestoreLog(state);
            var restored = new List<AlertEntry>();
            foreach (var alert in state.Alerts)
            {
                if (_store.Restore(alert) is not { } entry)
                {
                    continue;
                }

                _inhibitor.UpdateSources(entry);
                if (entry.State != AlertState.Pending)
                {
                    _dispatcher.Route(entry);
                }

                restored.Add(entry);
            }

            RecomputeSuppression(_gate.Now);
            if (state.Alerts.Any(static a => a.State == AlertState.Resolved))
            {
                _sweep.Ensure();
            }

            if (rules is not null)
            {
                _confirmation.Await(restored, rules);
            }

            return restored.Count;
        }
    }

    /// <summary>Ends a restored alert no rule confirmed: a resolution at the scheduler's time, like any other.</summary>
    private void EndUnconfirmed(AlertEntry entry)
    {
        var alert = entry.Snapshot();
        Apply(new AlertEvent
        {
            RuleName = alert.RuleName,
            State = AlertState.Resolved,
            Severity = alert.Severity,
            Labels = alert.Labels,
            Annotations = alert.Annotations,
            Timestamp = _gate.Now,
            ActiveAt = alert.ActiveAt,
            Kind = alert.Kind,
        });
    }

    private int Sweep(DateTimeOffset cutoff)
    {
        var alerts = _store.RemoveResolvedBefore(cutoff, entry => !_dispatcher.IsGrouped(entry));
        foreach (var entry in alerts)
        {
            _inhibitor.Forget(entry);
            _dispatcher.Forget(entry);
        }

        var silences = _silencer.RemoveEndedBefore(cutoff);
        _dispatcher.PruneLog(cutoff);
        return alerts.Count + silences;
    }
}
