using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Serilog.Sinks;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Runtime;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using Serilog;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// The composition root of <c>rxmon run</c>: sources → <see cref="MetricIngest"/> → <see cref="IngestLoop"/>
/// (the pipeline scheduler) → latest values, roll-ups, rules → <see cref="AlertManager"/> with the SQLite store
/// as history; health monitor, optional HTTP endpoints, live view; then an orderly stop.
/// </summary>
/// <remarks>
/// The only place that uses the system clock (<see cref="TimeProvider.System"/>). Stop order: sources, HTTP,
/// the ingest loop (a last drain), rule and roll-up subscriptions (partial roll-up buckets are written), the
/// alert manager (sinks drained up to 5 s), the store (flushed, closed), then the log.
/// </remarks>
internal static class MonitorHost
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstHealthMargin = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(MonitorSettings settings, RunOptions options, CancellationToken stopping)
    {
        var time = TimeProvider.System;
        var recent = new RecentLogSink(8);
        var logConfiguration = new LoggerConfiguration().MinimumLevel.Information();
        logConfiguration = options.LiveView
            ? logConfiguration.WriteTo.Sink(recent)
            : logConfiguration.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (options.LogFile is not null)
        {
            logConfiguration = logConfiguration.WriteTo.File(options.LogFile, rollingInterval: RollingInterval.Day, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var logger = logConfiguration.CreateLogger();
        using var metrics = new PipelineMetrics();
        var diagnostics = new HostDiagnostics(logger, metrics);
        var ingestOptions = new IngestOptions();
        var ingest = new MetricIngest(ingestOptions, time, diagnostics);
        diagnostics.ReadIngestFrom(ingest);
        using var registration = metrics.Register(ingest.GetStatistics);

        SqliteStore store;
        try
        {
            store = SqliteStore.Open(settings.Store, time, diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.Fatal(e, "Cannot open the store {Path}", settings.Store.Path);
            return 1;
        }

        await using (store)
        {
            var loop = new IngestLoop(ingest, ingestOptions, time, diagnostics);
            var manager = new AlertManager(settings.Alerting, loop, store.AlertHistory, diagnostics, new AlertSinkRegistry().AddSerilog(logger));
            if (settings.Alerting.Receivers.Count == 0)
            {
                manager.AddSink(new SerilogAlertSink(logger), "default");
            }

            var restored = await manager.RestoreAsync(stopping).ConfigureAwait(false);
            diagnostics.ReadSinkDropsFrom(() => manager.GetSinkStatistics().Sum(static s => s.Dropped));
            using var activeAlerts = metrics.RegisterActiveAlerts(() => manager.GetActiveAlerts().Count);
            foreach (var rule in settings.Rules)
            {
                metrics.DeclareRule(rule.Name);
            }

            var latest = new LatestValueStore(time);
            var latestValues = new LatestValues();
            var application = new ApplicationMetrics(time);
            var tasks = new BackgroundTaskMonitor(time);
            using var runtime = new DotNetRuntimeSource();
            using var health = new HealthMonitor(
                [new SystemResourcesHealth(latestValues, time), new BackgroundTasksHealth(tasks), new DataFreshnessHealth(application, time), new PipelineHealth(diagnostics)],
                loop,
                diagnostics);
            IMetricSource[] sources = [.. LinuxSystemSources.CreateDefaults(), runtime, application, tasks, new HealthStatusSource(health)];

            using var latestSubscription = ingest.Samples.Subscribe(latest);
            using var latestValuesSubscription = latestValues.Observe(ingest.Samples);
            var rollups = ingest.Samples.WriteRollupsTo(store);
            var rules = ingest.Samples
                .EvaluateRules(settings.Rules, loop, diagnostics, settings.Evaluation)
                .Subscribe(e =>
                {
                    LogAlertEvent(logger, e);
                    manager.Process(e);
                });
            var heartbeat = tasks.Register("rxmon.host", HeartbeatInterval);
            var sinkDrops = new SinkDropCounter(metrics);
            using var ticks = loop.SchedulePeriodic(HeartbeatInterval, () =>
            {
                heartbeat.ReportSuccess();
                sinkDrops.Update(manager.GetSinkStatistics());
            });
            loop.Start();
            var polling = sources.PollAll(loop, settings.Polling, diagnostics)
                .Subscribe(s => ingest.Record(s.Key, s.TimestampTicks, s.Value));

            // CPU and rates need two readings: the first verdict waits for the sources' second poll.
            using var healthSubscription = health.Reports
                .DelaySubscription(settings.Polling.Interval * 2 + FirstHealthMargin, loop)
                .Subscribe(r => LogHealth(logger, r));

            RxMonitorHttpServer? server = null;
            PrometheusExporter? exporter = null;
            try
            {
                if (settings.Http is { } http)
                {
                    exporter = new PrometheusExporter(latest, metrics.Meter);
                    server = new RxMonitorHttpServer(http, new RxMonitorEndpointSources
                    {
                        Metrics = exporter,
                        Health = new HealthProviderAdapter(health),
                        Alerts = new ActiveAlertsAdapter(manager),
                        Silences = new SilenceAdapter(manager),
                        TimeProvider = time,
                    });
                    await server.StartAsync(stopping).ConfigureAwait(false);
                    logger.Information("HTTP endpoints listening on {Address:l} (/metrics, /health, /alerts, /api/silences)", server.BaseAddress.ToString());
                }

                logger.Information(
                    "rxmon started: {Sources} sources every {Interval}, {Rules} rules, store {Store:l}, {Restored} alerts restored",
                    sources.Length,
                    settings.Polling.Interval,
                    settings.Rules.Count,
                    Path.GetFullPath(settings.Store.Path),
                    restored);
                var view = new LiveView();
                await WaitAsync(options, time, () => Console.Out.Write(
                    "\u001b[H\u001b[2J" + view.Render(
                        time.GetUtcNow(),
                        health.LastReport,
                        manager.GetActiveAlerts(),
                        latest.Snapshot(),
                        ingest.GetStatistics(),
                        options.Refresh,
                        settings.Store.Path,
                        recent.Lines())), stopping)
                    .ConfigureAwait(false);
                logger.Information("rxmon stopping");
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                logger.Fatal("rxmon could not start: {Message:l}", e.Message);
                return 1;
            }
            finally
            {
                polling.Dispose();
                if (server is not null)
                {
                    using var serverStop = new CancellationTokenSource(StopBudget, time);
                    await server.StopAsync(serverStop.Token).ConfigureAwait(false);
                    await server.DisposeAsync().ConfigureAwait(false);
                }

                exporter?.Dispose();

                heartbeat.Dispose();
                loop.Dispose();
                rules.Dispose();
                rollups.Dispose();
                using var managerStop = new CancellationTokenSource(StopBudget, time);
                await manager.StopAsync(managerStop.Token).ConfigureAwait(false);
                await store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            var statistics = ingest.GetStatistics();
            logger.Information(
                "rxmon stopped: {Delivered} samples delivered, {Dropped} dropped, store flushed to {Store:l}",
                statistics.Delivered,
                statistics.Dropped,
                Path.GetFullPath(settings.Store.Path));
        }

        return 0;
    }

    private static async Task WaitAsync(RunOptions options, TimeProvider time, Action draw, CancellationToken stopping)
    {
        try
        {
            var delay = options.Duration ?? Timeout.InfiniteTimeSpan;
            if (!options.LiveView)
            {
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
                return;
            }

            using var until = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var end = Task.Delay(delay, time, until.Token);
            using var timer = new PeriodicTimer(options.Refresh, time);
            draw();
            while (!end.IsCompleted && await timer.WaitForNextTickAsync(until.Token).ConfigureAwait(false))
            {
                draw();
            }
        }
        catch (OperationCanceledException)
        {
            // Stop requested or duration over.
        }
    }

    private static void LogAlertEvent(ILogger logger, AlertEvent e)
    {
        var level = e.State == AlertState.Firing ? global::Serilog.Events.LogEventLevel.Warning : global::Serilog.Events.LogEventLevel.Information;
        logger.Write(
            level,
            "Alert {AlertName:l} {AlertState:l} ({Severity:l}) value {Value} labels {Labels:l}",
            e.RuleName,
            e.State.ToString().ToLowerInvariant(),
            e.Severity.ToString().ToLowerInvariant(),
            e.Value,
            e.Labels.ToString());
    }

    private static void LogHealth(ILogger logger, HealthReport report)
    {
        var reasons = string.Join("; ", report.Components.Where(static c => c.Status != HealthStatus.Healthy).Select(static c => $"{c.Name}: {c.Reason}"));
        logger.Information("Health {Status:l}{Reasons:l}", HealthJson.Word(report.Status), reasons.Length == 0 ? string.Empty : " - " + reasons);
    }
}
