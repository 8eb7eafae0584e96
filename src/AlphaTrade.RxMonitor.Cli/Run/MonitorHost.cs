using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Serilog.Sinks;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Runtime;
using Serilog;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// The composition root of <c>rxmon run</c>: the shared <see cref="RxMonitorPipeline"/> (sources → ingest → rules →
/// alert manager with the SQLite store as history, health) plus Serilog logging, optional HTTP endpoints and the
/// live view; then an orderly stop.
/// </summary>
/// <remarks>
/// Uses the system clock (<see cref="TimeProvider.System"/>). Stop order: HTTP, then the pipeline (sources,
/// the ingest loop's last drain, rules and roll-ups, sinks drained up to 5 s, the store flushed and closed),
/// then the log.
/// </remarks>
internal static class MonitorHost
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstHealthMargin = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(RxMonitorSettings settings, RunOptions options, StopRequest stop, ReloadRequests reloads)
    {
        var stopping = stop.Token;
        var time = TimeProvider.System;
        var recent = new RecentLogSink(64);
        var logConfiguration = options.Verbose ? new LoggerConfiguration().MinimumLevel.Debug() : new LoggerConfiguration().MinimumLevel.Information();
        logConfiguration = options.LiveView
            ? logConfiguration.WriteTo.Sink(recent)
            : logConfiguration.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (options.LogFile is not null)
        {
            logConfiguration = logConfiguration.WriteTo.File(options.LogFile, rollingInterval: RollingInterval.Day, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var logger = logConfiguration.CreateLogger();
        using var metrics = new PipelineMetrics();
        var store = settings.Store!;
        RxMonitorPipeline pipeline;
        try
        {
            pipeline = new RxMonitorPipeline(
                settings,
                [],
                [],
                time,
                metrics,
                f => LogFailure(logger, f),
                new AlertSinkRegistry().AddSerilog(logger),
                e => LogAlertEvent(logger, e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.Fatal("Cannot open the store {Path:l}: {Reason:l}", Path.GetFullPath(store.Location), e.Message);
            logger.Debug(e, "Opening the store failed");
            return 1;
        }

        if (pipeline.Store is { Unusable: { } unusable })
        {
            // A monitor that cannot record anything must not pretend to run; the file is left as it was.
            logger.Fatal("Cannot use the store: {Reason:l} Fix or move the file, or pass --db with another path.", unusable);
            await pipeline.DisposeAsync().ConfigureAwait(false);
            return 1;
        }

        await using (pipeline)
        {
            var manager = pipeline.Manager;
            if (settings.Alerting.Receivers.Count == 0)
            {
                manager.AddSink(new SerilogAlertSink(logger), "default");
            }

            var restored = await pipeline.StartAsync(stopping).ConfigureAwait(false);
            using var reloading = reloads.Requests.Subscribe(trigger => Reload(logger, pipeline, reloads, trigger));
            using var watcher = reloads.ConfigPath is { } configPath
                ? new ConfigurationFileWatcher(configPath, time, () => reloads.Request("file changed"))
                : null;

            // CPU and rates need two readings: the first verdict waits for the sources' second poll.
            using var healthSubscription = pipeline.Health.Reports
                .DelaySubscription(settings.Polling.Interval * 2 + FirstHealthMargin, pipeline.Loop)
                .Subscribe(r => LogHealth(logger, r));

            RxMonitorHttpServer? server = null;
            PrometheusExporter? exporter = null;
            try
            {
                if (settings.Http is { } http)
                {
                    exporter = new PrometheusExporter(pipeline.Latest, metrics.Meter);
                    server = new RxMonitorHttpServer(http, pipeline.EndpointSources(exporter));
                    await server.StartAsync(stopping).ConfigureAwait(false);
                    logger.Information("HTTP endpoints listening on {Address:l} (dashboard at /, /metrics, /health, /alerts, /api/...)", server.BaseAddress.ToString());
                }

                logger.Information(
                    "rxmon started: {Sources} sources every {Interval}, {Rules} rules, store {Store:l}, {Restored} alerts restored",
                    pipeline.Sources.Count,
                    settings.Polling.Interval,
                    pipeline.Rules.Count,
                    Path.GetFullPath(store.Location),
                    restored);
                var view = new LiveView();
                var first = true;
                void Draw()
                {
                    var (width, height) = TerminalScreen.Size();
                    var state = new LiveViewState(
                        time.GetUtcNow(),
                        pipeline.Health.LastReport,
                        manager.GetActiveAlerts(),
                        pipeline.Latest.Snapshot(),
                        pipeline.Ingest.GetStatistics(),
                        options.Refresh,
                        store.Location,
                        recent.Lines());
                    TerminalScreen.Draw(Console.Out, view.Render(state, width, height), first);
                    first = false;
                }

                await WaitAsync(options, time, Draw, stopping).ConfigureAwait(false);

                // The view no longer owns the screen: what follows (stopping, stopped) is printed below its last frame.
                if (options.LiveView)
                {
                    Console.Out.WriteLine();
                    recent.EchoTo(Console.Out);
                }
                logger.Information("rxmon stopping ({Reason:l})", stop.Reason ?? "--duration reached");
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                logger.Fatal("rxmon could not start: {Message:l}", e.Message);
                return 1;
            }
            finally
            {
                // No reload once stopping has begun.
                reloading.Dispose();
                watcher?.Dispose();
                if (server is not null)
                {
                    using var serverStop = new CancellationTokenSource(StopBudget, time);
                    await server.StopAsync(serverStop.Token).ConfigureAwait(false);
                    await server.DisposeAsync().ConfigureAwait(false);
                }

                exporter?.Dispose();
                using var pipelineStop = new CancellationTokenSource(StopBudget, time);
                await pipeline.StopAsync(pipelineStop.Token).ConfigureAwait(false);
            }

            var statistics = pipeline.Ingest.GetStatistics();
            logger.Information(
                "rxmon stopped: {Delivered} samples delivered, {Dropped} dropped, store flushed to {Store:l}",
                statistics.Delivered,
                statistics.Dropped,
                Path.GetFullPath(store.Location));
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

    private static void Reload(ILogger logger, RxMonitorPipeline pipeline, ReloadRequests reloads, string trigger)
    {
        var settings = reloads.Read(out var problems);
        var reload = pipeline.Reload(trigger, settings, problems);
        if (reload.Refused)
        {
            logger.Error("{Summary:l}", reload.Summary);
            return;
        }

        logger.Information("{Summary:l}", reload.Summary);
        if (reload.RestartNotice is { } notice)
        {
            logger.Warning("{Notice:l}", notice);
        }
    }

    private static void LogAlertEvent(ILogger logger, AlertEvent e)
    {
        var level = e.State == AlertState.Firing ? global::Serilog.Events.LogEventLevel.Warning : global::Serilog.Events.LogEventLevel.Information;
        logger.Write(
            level,
            "Alert {AlertName:l} {AlertState:l} ({Severity:l}) value {ValueText:l} {LabelText:l}",
            e.RuleName,
            e.State.ToString().ToLowerInvariant(),
            e.Severity.ToString().ToLowerInvariant(),
            AlertLogText.Value(e.Value),
            AlertLogText.Labels(e.Labels));
    }

    private static void LogFailure(ILogger logger, PipelineFailure failure)
    {
        // A routine failure is one readable line; its stack trace is detail for --verbose.
        logger.Warning("{Component} {Name:l} failed: {Reason:l}", failure.Component, failure.Name, FailureText.Reason(failure));
        if (failure.Exception is { } exception)
        {
            logger.Debug(exception, "{Component} {Name:l} failure detail", failure.Component, failure.Name);
        }
    }

    private static void LogHealth(ILogger logger, HealthReport report)
    {
        var reasons = string.Join("; ", report.Components.Where(static c => c.Status != HealthStatus.Healthy).Select(static c => $"{c.Name}: {c.Reason}"));
        logger.Information("Health {Status:l}{Reasons:l}", HealthJson.Word(report.Status), reasons.Length == 0 ? string.Empty : " - " + reasons);
    }
}
