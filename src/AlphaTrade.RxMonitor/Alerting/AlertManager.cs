using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;
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
public sealed class AlertManager : IObserver<AlertEvent>, IAsyncDisposable
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
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompositeDisposable> _silenceTimers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReceiverRuntime> _receivers = new(StringComparer.Ordinal);
    private readonly List<IAlertSink> _ownedSinks = [];
    private readonly List<RouteNode> _routeScratch = [];
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
    /// <exception cref="AlertingOptionsException">The options are invalid; every problem is listed.</exception>
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
        options.ThrowIfInvalid(_sinkTypes.Types);
        _scheduler = scheduler;
        _history = history ?? new InMemoryAlertHistory();
        _failureListener = failureListener;
        _reporter = new FailureReporter(failureListener, scheduler.AsTimeProvider());
        _root = RouteNode.Compile(options.Route);
        _inhibitRules = [.. (options.InhibitRules ?? []).Select(static r => new InhibitRule(r))];
        _flap = FlapSettings.From(options.Flapping ?? new FlappingOptions());
        _resolvedRetention = PrometheusDuration.TryParse(options.ResolvedRetention, out var retention) ? retention : TimeSpan.FromMinutes(30);
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
#pragma warning disable CA1031 // An internal failure for one event must not stop the pipeline.
            catch (Exception ex)
#pragma warning restore CA1031
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
                _everyReceiverSinks = [.. _everyReceiverSinks, new SinkChannel(sink, EveryReceiver, settings, _reporter)];
                return;
            }

            if (!_receivers.TryGetValue(receiver, out var runtime))
            {
                throw new ArgumentException($"Unknown receiver '{receiver}' (defined: {string.Join(", ", _receivers.Keys)}).", nameof(receiver));
            }

            runtime.Sinks = [.. runtime.Sinks, new SinkChannel(sink, receiver, settings, _reporter)];
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
        if (matchers.Count == 0 || matchers.All(static m => m.MatchesEmpty))
        {
            throw new ArgumentException("A silence needs at least one matcher that does not match the empty string (it would silence every alert).", nameof(matchers));
        }

        if (endsAt <= startsAt)
        {
            throw new ArgumentException($"The silence must end ({endsAt:O}) after it starts ({startsAt:O}).", nameof(endsAt));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var now = _scheduler.Now;
            if (endsAt <= now)
            {
                throw new ArgumentException($"The silence must end ({endsAt:O}) in the future (now {now:O}).", nameof(endsAt));
            }

            var silence = new Silence
            {
                Id = Guid.NewGuid().ToString("D"),
                Matchers = [.. matchers],
                StartsAt = startsAt,
                EndsAt = endsAt,
                CreatedBy = createdBy,
                Comment = comment,
                UpdatedAt = now,
            };
            AddSilenceLocked(silence, now);
            return silence;
        }
    }

    /// <summary>Expires a silence now (recorded in history); its alerts are notified again at their groups' next flush.</summary>
    /// <param name="id">The silence's id.</param>
    /// <returns><see langword="true"/> when an unexpired silence was expired.</returns>
    public bool ExpireSilence(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            var now = _scheduler.Now;
            if (_stopped || !_silences.TryGetValue(id, out var silence) || silence.StateAt(now) == SilenceState.Expired)
            {
                return false;
            }

            var expired = silence with { StartsAt = silence.StartsAt < now ? silence.StartsAt : now, EndsAt = now, UpdatedAt = now };
            _silences[id] = expired;
            RecordSilence(expired);
            DisposeSilenceTimers(id);
            RecomputeSuppression(now);
            return true;
        }
    }

    /// <summary>Every silence the manager holds (pending, active, and expired ones not yet cleaned up).</summary>
    /// <returns>The silences by start time.</returns>
    public IReadOnlyList<Silence> GetSilences()
    {
        lock (_gate)
        {
            return [.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Restores silences from the history (e.g. after a restart): unexpired ones take effect again.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>How many silences were restored.</returns>
    public async Task<int> RestoreSilencesAsync(CancellationToken cancellationToken = default)
    {
        var silences = await _history.QuerySilencesAsync(cancellationToken).ConfigureAwait(false);
        var restored = 0;
        lock (_gate)
        {
            var now = _scheduler.Now;
            foreach (var silence in silences)
            {
                if (silence.StateAt(now) != SilenceState.Expired && !_silences.ContainsKey(silence.Id))
                {
                    _silences[silence.Id] = silence;
                    ScheduleSilence(silence, now);
                    restored++;
                }
            }

            RecomputeSuppression(now);
        }

        return restored;
    }

    /// <summary>
    /// Restores state from a durable history after a restart: unexpired silences, the active (pending and firing)
    /// alerts, and the notification log, so a firing alert is not notified again before its repeat interval and its
    /// resolution is still notified.
    /// </summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>How many alerts were restored.</returns>
    /// <remarks>Call before the first event. Reads the history's transitions and notifications once (newest per alert and per group).</remarks>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken = default)
    {
        await RestoreSilencesAsync(cancellationToken).ConfigureAwait(false);
        var everything = new AlertHistoryQuery { Limit = int.MaxValue };
        var transitions = await _history.QueryTransitionsAsync(everything, cancellationToken).ConfigureAwait(false);
        var notifications = await _history.QueryNotificationsAsync(everything, cancellationToken).ConfigureAwait(false);
        var latestAlerts = new Dictionary<ulong, Alert>();
        foreach (var transition in transitions)
        {
            latestAlerts[transition.Alert.Fingerprint] = transition.Alert;
        }

        var latestGroups = new Dictionary<string, AlertNotification>(StringComparer.Ordinal);
        foreach (var notification in notifications.Where(static n => n.Kind == NotificationKind.Group))
        {
            latestGroups[LogKey(notification.Receiver, notification.GroupKey)] = notification;
        }

        lock (_gate)
        {
            foreach (var (key, notification) in latestGroups)
            {
                _log.TryAdd(key, new NotificationLogEntry(
                    notification.Alerts.Where(static a => a.State == AlertState.Firing).ToDictionary(static a => a.Fingerprint, static a => a.Severity),
                    [.. notification.Alerts.Where(static a => a.State == AlertState.Resolved).Select(static a => a.Fingerprint)],
                    notification.Timestamp));
            }

            var restored = 0;
            var now = _scheduler.Now;
            foreach (var alert in latestAlerts.Values.Where(static a => a.State != AlertState.Resolved))
            {
                if (_alerts.ContainsKey(alert.Fingerprint))
                {
                    continue;
                }

                var entry = new AlertEntry(alert);
                _alerts.Add(alert.Fingerprint, entry);
                UpdateInhibitionSources(entry);
                if (entry.State == AlertState.Firing)
                {
                    Route(entry);
                }

                restored++;
            }

            RecomputeSuppression(now);
            return restored;
        }
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
        lock (_gate)
        {
            cutoff = _scheduler.Now - maxAge;
            removed = SweepLocked(cutoff);
        }

        return removed + await _history.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
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
            var context = new AlertSinkContext(receiver.Name, _reporter.Time, _http, _failureListener, _externalUrl);
            foreach (var sinkOptions in receiver.Sinks ?? [])
            {
                var sink = _sinkTypes.Create(sinkOptions, context);
                _ownedSinks.Add(sink);
                runtime.Sinks = [.. runtime.Sinks, new SinkChannel(sink, receiver.Name, DeliverySettings.Resolve(sinkOptions.Delivery, _delivery), _reporter)];
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
#pragma warning disable CA1031 // A failing history is reported; alerting goes on.
        catch (Exception ex)
#pragma warning restore CA1031
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
#pragma warning disable CA1031 // A failing history is reported; alerting goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _historyFailures++;
            _reporter.Report(PipelineComponent.AlertManager, "silences", $"Recording silence {silence.Id} failed.", ex);
        }
    }

    private void Route(AlertEntry entry)
    {
        if (entry.Routes is null)
        {
            _routeScratch.Clear();
            _root.Match(entry.MatchLabels, _routeScratch);
            entry.Routes = [.. _routeScratch];
            for (var i = entry.Groups.Count - 1; i >= 0; i--)
            {
                var group = entry.Groups[i];
                if (!entry.Routes.Contains(group.Route))
                {
                    group.Alerts.Remove(entry.Fingerprint);
                    entry.Groups.RemoveAt(i);
                }
            }
        }

        var now = _scheduler.Now;
        foreach (var route in entry.Routes)
        {
            var group = FindGroup(entry, route);
            if (group is null)
            {
                var groupLabels = route.GroupLabels(entry.MatchLabels);
                var key = route.Key + ":" + groupLabels;
                if (!_groups.TryGetValue(key, out group))
                {
                    group = new AggregationGroup(route, key, groupLabels);
                    _groups.Add(key, group);
                }

                group.Alerts[entry.Fingerprint] = entry;
                entry.Groups.Add(group);
            }

            // Alertmanager: a new group waits groupWait, unless the alert is older than that already (flush at once).
            var overdue = !group.HasFlushed && entry.StartsAt + route.GroupWait <= now;
            if (group.Timer is null || overdue)
            {
                ScheduleFlush(group, overdue ? TimeSpan.Zero : route.GroupWait);
            }
        }
    }

    private static AggregationGroup? FindGroup(AlertEntry entry, RouteNode route)
    {
        foreach (var group in entry.Groups)
        {
            if (ReferenceEquals(group.Route, route))
            {
                return group;
            }
        }

        return null;
    }

    private void ScheduleFlush(AggregationGroup group, TimeSpan due)
    {
        group.Timer?.Dispose();

        // Never zero: an immediate scheduler would run the flush inside the caller, under the lock, mid-update.
        group.Timer = _scheduler.Schedule((Manager: this, Group: group), due > TimeSpan.Zero ? due : MinimumDelay, static (_, state) =>
        {
            state.Manager.Flush(state.Group);
            return Disposable.Empty;
        });
    }

    private void Flush(AggregationGroup group)
    {
        lock (_gate)
        {
            if (_stopped || !_groups.TryGetValue(group.Key, out var current) || !ReferenceEquals(current, group))
            {
                return;
            }

            try
            {
                FlushLocked(group);
            }
#pragma warning disable CA1031 // A failing flush is reported; the group keeps its timer.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _reporter.Report(PipelineComponent.AlertManager, group.Route.Receiver, $"Flushing group {group.Key} failed.", ex);
                ScheduleFlush(group, group.Route.GroupInterval);
            }
        }
    }

    private void FlushLocked(AggregationGroup group)
    {
        var now = _scheduler.Now;
        group.HasFlushed = true;
        var receiver = _receivers[group.Route.Receiver];
        var firing = new List<AlertEntry>();
        var resolved = new List<AlertEntry>();
        foreach (var entry in group.Alerts.Values)
        {
            if (entry.IsFlapping || entry.IsSuppressed)
            {
                continue;
            }

            if (entry.State == AlertState.Firing)
            {
                firing.Add(entry);
            }
            else if (entry.State == AlertState.Resolved)
            {
                resolved.Add(entry);
            }
        }

        var logKey = LogKey(receiver.Name, group.Key);
        _log.TryGetValue(logKey, out var log);
        if (NeedsUpdate(log, firing, resolved, receiver.SendResolved, group.Route.RepeatInterval, now))
        {
            var alerts = new List<Alert>(firing.Count + resolved.Count);
            alerts.AddRange(firing.OrderBy(static e => e.StartsAt).ThenBy(static e => e.Fingerprint).Select(static e => e.Snapshot()));
            if (receiver.SendResolved)
            {
                alerts.AddRange(resolved.OrderBy(static e => e.EndsAt).ThenBy(static e => e.Fingerprint).Select(static e => e.Snapshot()));
            }

            if (alerts.Count > 0)
            {
                Notify(receiver, group.Key, group.GroupLabels, alerts, NotificationKind.Group, now);
            }

            _log[logKey] = new NotificationLogEntry(
                firing.ToDictionary(static e => e.Fingerprint, static e => e.Severity),
                [.. resolved.Select(static e => e.Fingerprint)],
                now);
        }

        foreach (var entry in group.Alerts.Values.Where(static e => e.State == AlertState.Resolved).ToList())
        {
            group.Alerts.Remove(entry.Fingerprint);
            entry.Groups.Remove(group);
        }

        if (group.Alerts.Count == 0)
        {
            group.Timer = null;
            _groups.Remove(group.Key);
        }
        else
        {
            ScheduleFlush(group, group.Route.GroupInterval);
        }
    }

    private static string LogKey(string receiver, string groupKey) => receiver + "\u001f" + groupKey;

    private static bool NeedsUpdate(NotificationLogEntry? log, List<AlertEntry> firing, List<AlertEntry> resolved, bool sendResolved, TimeSpan repeatInterval, DateTimeOffset now)
    {
        // Alertmanager's DedupStage.needsUpdate, plus: a firing alert whose severity changed counts as new.
        if (log is null)
        {
            return firing.Count > 0;
        }

        foreach (var entry in firing)
        {
            if (!log.Firing.TryGetValue(entry.Fingerprint, out var severity) || severity != entry.Severity)
            {
                return true;
            }
        }

        if (firing.Count == 0)
        {
            return log.Firing.Count > 0;
        }

        if (sendResolved)
        {
            foreach (var entry in resolved)
            {
                if (!log.Resolved.Contains(entry.Fingerprint))
                {
                    return true;
                }
            }
        }

        return log.Timestamp <= now - repeatInterval;
    }

    private void Notify(ReceiverRuntime receiver, string groupKey, LabelSet groupLabels, IReadOnlyList<Alert> alerts, NotificationKind kind, DateTimeOffset now)
    {
        var notification = new AlertNotification
        {
            Id = Guid.NewGuid(),
            Receiver = receiver.Name,
            GroupKey = groupKey,
            GroupLabels = groupLabels,
            Kind = kind,
            Timestamp = now,
            Alerts = alerts,
        };
        _notifications++;
        try
        {
            _history.RecordNotification(notification);
        }
#pragma warning disable CA1031 // A failing history is reported; delivery goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _historyFailures++;
            _reporter.Report(PipelineComponent.AlertManager, receiver.Name, $"Recording notification {notification.Id} failed.", ex);
        }

        foreach (var sink in receiver.Sinks)
        {
            sink.TryEnqueue(notification);
        }

        foreach (var sink in _everyReceiverSinks)
        {
            sink.TryEnqueue(notification);
        }
    }

    private void OnFlappingChanged(AlertEntry entry, DateTimeOffset time)
    {
        entry.Invalidate();
        var started = entry.IsFlapping;
        Record(entry, started ? AlertChange.FlappingStarted : AlertChange.FlappingStopped, entry.State, entry.Severity, time);
        entry.FlapTimer?.Dispose();
        entry.FlapTimer = started ? ScheduleFlapTick(entry) : null;
        if (entry.IsSuppressed || entry.State == AlertState.Pending)
        {
            return;
        }

        if (entry.Routes is null)
        {
            _routeScratch.Clear();
            _root.Match(entry.MatchLabels, _routeScratch);
            entry.Routes = [.. _routeScratch];
        }

        var now = _scheduler.Now;
        var snapshot = entry.Snapshot();
        foreach (var route in entry.Routes)
        {
            var receiver = _receivers[route.Receiver];
            if (entry.State == AlertState.Resolved && !receiver.SendResolved)
            {
                continue;
            }

            var groupLabels = route.GroupLabels(entry.MatchLabels);
            var groupKey = route.Key + ":" + groupLabels;
            Notify(receiver, groupKey, groupLabels, [snapshot], started ? NotificationKind.FlappingStarted : NotificationKind.FlappingStopped, now);
            if (!started)
            {
                // The recovery notice told the receiver the current state: log it so the next group flush does not repeat it.
                var logKey = LogKey(receiver.Name, groupKey);
                var log = _log.TryGetValue(logKey, out var existing)
                    ? existing with { Firing = new(existing.Firing), Resolved = [.. existing.Resolved] }
                    : new NotificationLogEntry([], [], now);
                if (entry.State == AlertState.Firing)
                {
                    log.Firing[entry.Fingerprint] = entry.Severity;
                    log.Resolved.Remove(entry.Fingerprint);
                }
                else
                {
                    log.Firing.Remove(entry.Fingerprint);
                    log.Resolved.Add(entry.Fingerprint);
                }

                _log[logKey] = log;
            }
        }
    }

    private IDisposable ScheduleFlapTick(AlertEntry entry) =>
        _scheduler.Schedule((Manager: this, Entry: entry), _flap.Interval, static (_, state) =>
        {
            state.Manager.FlapTick(state.Entry);
            return Disposable.Empty;
        });

    private void FlapTick(AlertEntry entry)
    {
        lock (_gate)
        {
            if (_stopped || entry.Flap is null || !entry.IsFlapping || !_alerts.TryGetValue(entry.Fingerprint, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            var now = _scheduler.Now;
            if (entry.Flap.Observe(now, entry.Level))
            {
                OnFlappingChanged(entry, now);
            }
            else
            {
                entry.FlapTimer = ScheduleFlapTick(entry);
            }
        }
    }

    private bool UpdateInhibitionSources(AlertEntry entry)
    {
        var changed = false;
        foreach (var rule in _inhibitRules)
        {
            var isSource = entry.State == AlertState.Firing && InhibitRule.MatchesAll(rule.SourceMatchers, entry.MatchLabels);
            changed |= isSource ? rule.Sources.Add(entry) : rule.Sources.Remove(entry);
        }

        return changed;
    }

    private void RecomputeSuppression(DateTimeOffset time)
    {
        foreach (var entry in _alerts.Values)
        {
            UpdateSuppression(entry, time);
        }
    }

    private void UpdateSuppression(AlertEntry entry, DateTimeOffset time)
    {
        if (_silences.Count == 0 && _inhibitRules.Length == 0 && !entry.IsSuppressed)
        {
            return;
        }

        var now = _scheduler.Now;
        List<string>? silencedBy = null;
        foreach (var silence in _silences.Values)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(entry.MatchLabels))
            {
                (silencedBy ??= []).Add(silence.Id);
            }
        }

        List<ulong>? inhibitedBy = null;
        foreach (var rule in _inhibitRules)
        {
            if (rule.FindInhibitor(entry) is { } source && !(inhibitedBy?.Contains(source.Fingerprint) ?? false))
            {
                (inhibitedBy ??= []).Add(source.Fingerprint);
            }
        }

        var wasSuppressed = entry.IsSuppressed;
        silencedBy?.Sort(StringComparer.Ordinal);
        inhibitedBy?.Sort();
        if (entry.SetSuppression(silencedBy?.ToArray() ?? [], inhibitedBy?.ToArray() ?? []) && wasSuppressed != entry.IsSuppressed)
        {
            Record(entry, entry.IsSuppressed ? AlertChange.Suppressed : AlertChange.Unsuppressed, entry.State, entry.Severity, time);
        }
    }

    private void AddSilenceLocked(Silence silence, DateTimeOffset now)
    {
        _silences[silence.Id] = silence;
        RecordSilence(silence);
        ScheduleSilence(silence, now);
        RecomputeSuppression(now);
    }

    private void ScheduleSilence(Silence silence, DateTimeOffset now)
    {
        var timers = new CompositeDisposable();
        if (silence.StartsAt > now)
        {
            timers.Add(ScheduleSilenceChange(silence.StartsAt - now));
        }

        timers.Add(ScheduleSilenceChange(silence.EndsAt - now));
        DisposeSilenceTimers(silence.Id);
        _silenceTimers[silence.Id] = timers;
        EnsureSweep();
    }

    private IDisposable ScheduleSilenceChange(TimeSpan due) =>
        _scheduler.Schedule(this, due, static (scheduler, manager) =>
        {
            lock (manager._gate)
            {
                if (!manager._stopped)
                {
                    manager.RecomputeSuppression(scheduler.Now);
                }
            }

            return Disposable.Empty;
        });

    private void DisposeSilenceTimers(string id)
    {
        if (_silenceTimers.Remove(id, out var timers))
        {
            timers.Dispose();
        }
    }

    private void EnsureSweep()
    {
        if (_sweepTimer is null && _resolvedRetention > TimeSpan.Zero)
        {
            _sweepTimer = _scheduler.Schedule(this, _resolvedRetention, static (scheduler, manager) =>
            {
                lock (manager._gate)
                {
                    manager._sweepTimer = null;
                    if (!manager._stopped)
                    {
                        manager.SweepLocked(scheduler.Now - manager._resolvedRetention);
                        if (manager._alerts.Values.Any(static e => e.State == AlertState.Resolved) || manager._silences.Count > 0)
                        {
                            manager.EnsureSweep();
                        }
                    }
                }

                return Disposable.Empty;
            });
        }
    }

    private int SweepLocked(DateTimeOffset cutoff)
    {
        var removed = 0;
        foreach (var entry in _alerts.Values.Where(e => e.State == AlertState.Resolved && e.Groups.Count == 0 && e.EndsAt < cutoff).ToList())
        {
            entry.FlapTimer?.Dispose();
            foreach (var rule in _inhibitRules)
            {
                rule.Sources.Remove(entry);
            }

            _alerts.Remove(entry.Fingerprint);
            removed++;
        }

        foreach (var silence in _silences.Values.Where(s => s.EndsAt < cutoff).ToList())
        {
            DisposeSilenceTimers(silence.Id);
            _silences.Remove(silence.Id);
            removed++;
        }

        return removed;
    }
}
