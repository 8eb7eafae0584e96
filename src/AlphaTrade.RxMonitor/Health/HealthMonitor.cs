using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>
/// Checks the health of every component — databases, system resources, background tasks, data freshness,
/// the pipeline itself and any other <see cref="IHealthComponent"/> — and reports the worst as overall.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CheckAsync"/> runs the checks now; <see cref="GetHealthMetricsAsync"/> adds the seed's figures;
/// <see cref="Reports"/> re-checks every <see cref="HealthMonitorOptions.Interval"/> on the scheduler and
/// emits the first report and then each one whose verdict changed (a status or reason, not just a figure).
/// </para>
/// <para>
/// A component whose check throws is reported unhealthy ("check failed: …") and to the failure listener;
/// the other checks still run. Checks run one after another, never concurrently with themselves.
/// </para>
/// </remarks>
public sealed class HealthMonitor : IDisposable
{
    private readonly IHealthComponent[] _components;
    private readonly IScheduler _scheduler;
    private readonly IFailureListener _failureListener;
    private readonly TimeSpan _interval;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private HealthReport? _lastReport;

    /// <summary>Creates the monitor.</summary>
    /// <param name="components">The components, in report order; names must be unique.</param>
    /// <param name="scheduler">The clock and the scheduler of <see cref="Reports"/>.</param>
    /// <param name="failureListener">Receives failed checks.</param>
    /// <param name="options">Interval; defaults when <see langword="null"/>. Validated here.</param>
    public HealthMonitor(
        IEnumerable<IHealthComponent> components,
        IScheduler scheduler,
        IFailureListener failureListener,
        HealthMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(failureListener);
        options ??= new HealthMonitorOptions();
        options.ThrowIfInvalid(HealthMonitorOptions.Section);
        _components = [.. components];
        var duplicate = _components.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Health component name '{duplicate.Key}' appears more than once.", nameof(components));
        }

        _scheduler = scheduler;
        _failureListener = failureListener;
        _interval = options.Interval;
        Reports = Observable.Create<HealthReport>(observer =>
        {
            var loop = new HealthReportLoop(this, observer, _scheduler, _interval);
            loop.Start();
            return loop;
        }).Replay(1).RefCount();
    }

    /// <summary>The components, in report order.</summary>
    public IReadOnlyList<IHealthComponent> Components => _components;

    /// <summary>
    /// Reports of changes: the first report on subscription (after the first check), then every report whose
    /// verdict differs from the previous one. Shared: all subscribers see the same checks; a late subscriber
    /// gets the latest report at once. Never completes or errors.
    /// </summary>
    public IObservable<HealthReport> Reports { get; }

    /// <summary>The latest report of any check (<see cref="CheckAsync"/>, <see cref="Reports"/>), or <see langword="null"/> before the first.</summary>
    public HealthReport? LastReport => Volatile.Read(ref _lastReport);

    /// <summary>Releases the check gate. Subscriptions to <see cref="Reports"/> end with their own disposal.</summary>
    public void Dispose() => _checking.Dispose();

    /// <summary>Checks every component now.</summary>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The report; never throws for a failing component.</returns>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            var results = new ComponentHealth[_components.Length];
            for (var i = 0; i < _components.Length; i++)
            {
                results[i] = await CheckOneAsync(_components[i], cancellationToken);
            }

            var report = HealthReport.From(results, _scheduler.Now);
            Volatile.Write(ref _lastReport, report);
            return report;
        }
        finally
        {
            _checking.Release();
        }
    }

    /// <summary>The seed's health snapshot: the overall status, the alert figures and the full report.</summary>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The snapshot.</returns>
    public async Task<HealthMetrics> GetHealthMetricsAsync(CancellationToken cancellationToken = default)
    {
        var report = await CheckAsync(cancellationToken);
        var databases = _components.OfType<DatabaseHealth>().Select(d => d.Metrics.GetSnapshot()).ToList();
        var system = _components.OfType<SystemResourcesHealth>().FirstOrDefault()?.Figures();
        var freshness = _components.OfType<DataFreshnessHealth>().Select(d => d.OldestAgeSeconds()).Where(a => a is not null).ToList();
        return new HealthMetrics
        {
            Timestamp = report.Timestamp,
            Status = report.Status,
            Report = report,
            ConnectionPoolUsagePercent = databases.Count == 0 ? null : databases.Max(d => d.Pool.UsagePercent),
            AverageQueryTimeMs = databases.Count == 0 ? null : databases.Max(d => d.RecentAverageQuerySeconds) * 1000,
            FailedQueries = databases.Count == 0 ? null : databases.Sum(d => d.RecentFailures),
            CpuUsagePercent = system?.Cpu,
            MemoryUsagePercent = system?.Memory,
            DiskUsagePercent = system?.Disk?.Value,
            DataFreshnessAgeSeconds = freshness.Count == 0 ? null : freshness.Max(),
        };
    }

    private async ValueTask<ComponentHealth> CheckOneAsync(IHealthComponent component, CancellationToken cancellationToken)
    {
        try
        {
            return await component.CheckAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            try
            {
                _failureListener.OnFailure(new PipelineFailure(
                    PipelineComponent.Health, component.Name, $"Health check threw: {ex.Message}; reported unhealthy.", ex, _scheduler.Now));
            }
            catch (Exception)
            {
                // The failure listener must not stop the checks (IFailureListener contract).
            }

            return new ComponentHealth(
                component.Name, "unknown", HealthStatus.Unhealthy, "check failed: " + ex.Message, new Dictionary<string, object>());
        }
    }

    /// <summary>One subscription's check loop: a re-armed timer on the scheduler, emitting changed verdicts.</summary>
    private sealed class HealthReportLoop(HealthMonitor monitor, IObserver<HealthReport> observer, IScheduler scheduler, TimeSpan interval)
        : IDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly object _gate = new();
        private IDisposable? _timer;
        private HealthReport? _last;
        private bool _disposed;

        public void Start() => Arm(TimeSpan.Zero);

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _timer?.Dispose();
            }

            // Cancel only: an in-flight check may still read the token.
            _cancel.Cancel();
        }

        private void Arm(TimeSpan due)
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _timer = scheduler.Schedule(this, due, static (IScheduler unused, HealthReportLoop self) =>
                    {
                        _ = self.TickAsync();
                        return System.Reactive.Disposables.Disposable.Empty;
                    });
                }
            }
        }

        private async Task TickAsync()
        {
            try
            {
                var report = await monitor.CheckAsync(_cancel.Token);
                if (!report.SameVerdict(_last))
                {
                    _last = report;
                    lock (_gate)
                    {
                        if (!_disposed)
                        {
                            observer.OnNext(report);
                        }
                    }
                }

                Arm(interval);
            }
            catch (OperationCanceledException)
            {
                // Disposed while checking.
            }
        }
    }
}
