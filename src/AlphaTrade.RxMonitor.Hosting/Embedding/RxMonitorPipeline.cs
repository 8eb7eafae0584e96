using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Runtime;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// The composition shared by <c>rxmon run</c> and <c>AddRxMonitor</c>: sources → <see cref="MetricIngest"/> →
/// <see cref="IngestLoop"/> (the pipeline scheduler) → latest values, roll-ups (with a store), rules →
/// <see cref="AlertManager"/> (the store's history when there is one); health monitor and pipeline metrics.
/// The scores the <c>anomaly</c> rules compute go, as <c>&lt;name&gt;_anomaly_score</c> series, to the latest values
/// and the roll-ups (not back into the ingest).
/// </summary>
/// <remarks>
/// Construction opens the store (it throws when it cannot) and builds every part; <see cref="StartAsync"/>
/// restores alerts and starts the loop, the rules and the sources; <see cref="StopAsync"/> stops in order:
/// sources, the ingest loop (a last drain), rule and roll-up subscriptions (partial roll-up buckets are
/// written), the alert manager (sinks drained within the token), the store (flushed, closed).
/// Start and stop are called once each, from one thread. Sources are producers: each polls on its own timer of the
/// pipeline clock (a thread-pool thread) and writes through <c>MetricIngest.Record</c>,
/// so a blocking source never stalls the loop or another source.
/// </remarks>
internal sealed class RxMonitorPipeline : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    private readonly ReloadableRuleSet _rules;
    private readonly IReadOnlyList<AlertRule> _codeRules;
    private readonly AnomalyScoreFeed _scores;
    private readonly ConfigurationReloader _reloader;
    private readonly Action<AlertEvent>? _onAlertEvent;
    private readonly DotNetRuntimeSource _runtime = new();
    private readonly List<IDisposable> _running = [];
    private readonly Subject<MetricSample> _anomalyScores = new();
    private readonly IDisposable _ingestRegistration;
    private readonly IDisposable _activeAlertsRegistration;
    private readonly IDisposable? _storeRegistration;
    private readonly ConfiguredSources _configured;
    private IDisposable? _polling;
    private IDisposable? _databasePolling;
    private int _state;

    public RxMonitorPipeline(
        RxMonitorSettings settings,
        IEnumerable<AlertRule> extraRules,
        IEnumerable<IMetricSource> extraSources,
        TimeProvider time,
        PipelineMetrics metrics,
        Action<PipelineFailure> logFailure,
        AlertSinkRegistry sinkTypes,
        Action<AlertEvent>? onAlertEvent = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extraRules);
        ArgumentNullException.ThrowIfNull(extraSources);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logFailure);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        Settings = settings;
        _scores = new AnomalyScoreFeed(_anomalyScores);
        _codeRules = [.. extraRules.Select(WithScores)];
        _rules = new ReloadableRuleSet(Compose(settings.Rules), settings.Evaluation);
        _reloader = new ConfigurationReloader(settings, _rules, Compose);
        _onAlertEvent = onAlertEvent;
        Time = time;
        Metrics = metrics;
        Diagnostics = new RxMonitorDiagnostics(logFailure, metrics);
        Ingest = new MetricIngest(settings.Ingest, time, Diagnostics);
        Diagnostics.ReadIngestFrom(Ingest);
        _ingestRegistration = metrics.Register(Ingest.GetStatistics);
        Store = settings.Store?.Open(time, Diagnostics);
        Loop = new IngestLoop(Ingest, settings.Ingest, time, Diagnostics);
        Manager = new AlertManager(settings.Alerting, Loop, Store?.AlertHistory, Diagnostics, sinkTypes);
        Diagnostics.ReadSinkDropsFrom(() => Manager.GetSinkStatistics().Sum(static s => s.Dropped));
        _activeAlertsRegistration = metrics.RegisterActiveAlerts(() => Manager.GetActiveAlerts().Count);
        _storeRegistration = Store is { } store ? metrics.RegisterStore(() => store.Figures) : null;
        foreach (var rule in _rules.Rules)
        {
            metrics.DeclareRule(rule.Name);
        }

        Latest = new LatestValueStore(time);
        Application = new ApplicationMetrics(time);
        Tasks = new BackgroundTaskMonitor(time);
        _configured = ConfiguredSources.Create(settings, time);
        Health = new HealthMonitor(
            [
                new SystemResourcesHealth(Latest, time), new BackgroundTasksHealth(Tasks), new DataFreshnessHealth(Application, time), new PipelineHealth(Diagnostics),
                .. _configured.CreateHealthComponents(),
                .. Store is null ? Array.Empty<IHealthComponent>() : [Store.HealthComponent],
            ],
            Loop,
            Diagnostics);
        Sources = [.. LinuxSystemSources.CreateDefaults(), _runtime, Application, Tasks, new HealthStatusSource(Health), .. _configured.Endpoints, .. extraSources];
        _running.Add(Ingest.Samples.Subscribe(Latest));
        _running.Add(_anomalyScores.Subscribe(Latest));
    }

    public RxMonitorSettings Settings { get; }

    public TimeProvider Time { get; }

    public PipelineMetrics Metrics { get; }

    public RxMonitorDiagnostics Diagnostics { get; }

    public MetricIngest Ingest { get; }

    public IngestLoop Loop { get; }

    /// <summary>The store, when one is plugged in.</summary>
    public IRxMonitorStore? Store { get; }

    public AlertManager Manager { get; }

    public HealthMonitor Health { get; }

    public LatestValueStore Latest { get; }

    public ApplicationMetrics Application { get; }

    public BackgroundTaskMonitor Tasks { get; }

    /// <summary>The sources polled every <c>Sources:Interval</c>: the built-in ones, the endpoints and those added in code.</summary>
    public IReadOnlyList<IMetricSource> Sources { get; }

    /// <summary>The series each alert was raised on (for the dashboard).</summary>
    public AlertSeriesIndex AlertSeries { get; } = new();

    /// <summary>The store's roll-ups as a metric history, or <see langword="null"/> without a store.</summary>
    public IMetricHistory? History => Store?.MetricHistory;

    /// <summary>What the HTTP endpoints serve: metrics from <paramref name="exporter"/>, and everything else from this pipeline.</summary>
    public RxMonitorEndpointSources EndpointSources(PrometheusExporter exporter)
    {
        var live = new LiveStateAdapter(this);
        return new()
        {
            Metrics = exporter,
            Health = new HealthProviderAdapter(Health),
            Alerts = live,
            Silences = new SilenceAdapter(Manager, Store),
            History = History,
            AlertHistory = Manager.History,
            Live = live,
            TimeProvider = Time,
        };
    }

    /// <summary>The rules in force (those of the last reload).</summary>
    public IReadOnlyList<AlertRule> Rules => _rules.Rules;

    /// <summary>
    /// Applies a re-read configuration: a valid one replaces the rules (unchanged rules keep their alert state; the
    /// alerts of changed and removed rules are resolved through the alert manager); an invalid one changes nothing.
    /// </summary>
    /// <param name="trigger">What asked for the reload, e.g. <c>SIGHUP</c>.</param>
    /// <param name="settings">The re-read settings, or null when they could not be read.</param>
    /// <param name="problems">Every problem found while reading them.</param>
    /// <returns>What happened, to be logged.</returns>
    /// <remarks>Thread-safe; the rules switch on the ingest loop.</remarks>
    public ConfigurationReload Reload(string trigger, RxMonitorSettings? settings, IReadOnlyList<string> problems)
    {
        var reload = _reloader.Apply(trigger, settings, problems);
        foreach (var name in reload.Change?.Added ?? [])
        {
            Metrics.DeclareRule(name);
        }

        return reload;
    }

    /// <summary>Restores alerts from the store (ending those no running rule raises again), then starts the loop, the rules, the roll-ups and the sources.</summary>
    /// <returns>The number of alerts restored.</returns>
    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The pipeline was already started.");
        }

        var restored = await Manager.RestoreAsync(RestartRules.For(_rules.Rules, Settings.Evaluation, Settings.Polling.Interval), cancellationToken).ConfigureAwait(false);
        if (Store is not null)
        {
            _running.Add(Store.WriteRollups(Ingest.Samples, Loop));

            // Also without an anomaly rule now: a reload may add one.
            _running.Add(Store.WriteRollups(_anomalyScores, Loop));
        }

        _running.Add(Ingest.Samples
            .EvaluateRules(_rules, Loop, Diagnostics)
            .Subscribe(e =>
            {
                AlertSeries.Record(e);
                _onAlertEvent?.Invoke(e);
                Manager.Process(e);
            }));
        var heartbeat = Tasks.Register("rxmon.host", HeartbeatInterval);
        _running.Add(heartbeat);
        var sinkDrops = new SinkDropCounter(Metrics);
        _running.Add(Loop.SchedulePeriodic(HeartbeatInterval, () =>
        {
            heartbeat.ReportSuccess();
            sinkDrops.Update(Manager.GetSinkStatistics());
        }));
        Loop.Start();
        _polling = Sources.RecordTo(Ingest, Time, Settings.Polling, Diagnostics);
        _databasePolling = _configured.RecordDatabasesTo(Ingest, Time, Settings.Polling, Diagnostics);
        return restored;
    }

    /// <summary>Stops sources, drains the ingest, stops rules and roll-ups, drains sinks and flushes the store.</summary>
    /// <param name="cancellationToken">Bounds the sink drain.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        _polling?.Dispose();
        _databasePolling?.Dispose();
        Loop.Dispose();
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            _running[i].Dispose();
        }

        _running.Clear();
        await Manager.StopAsync(cancellationToken).ConfigureAwait(false);
        if (Store is not null)
        {
            await Store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Stops (sinks get no drain time when not stopped before) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        Health.Dispose();
        _configured.Dispose();
        _runtime.Dispose();
        _activeAlertsRegistration.Dispose();
        _storeRegistration?.Dispose();
        _ingestRegistration.Dispose();
        _anomalyScores.Dispose();
        Ingest.Dispose();
        if (Store is not null)
        {
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The rules added in code follow the configured ones (wired once, so they stay the same instances across reloads);
    // an anomaly rule publishes its scores.
    private List<AlertRule> Compose(IReadOnlyList<AlertRule> configured) => [.. configured.Select(WithScores), .. _codeRules];

    private AlertRule WithScores(AlertRule rule) =>
        rule.Detector is AnomalyDetector anomaly ? rule.WithDetector(anomaly.PublishingScoresTo(_scores)) : rule;
}
