using AlphaTrade.RxMonitor.Hosting.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Starts the embedded pipeline with the host (ingest loop, rules, sources, and the standalone HTTP server when
/// configured) and stops it in order: HTTP, sources, the ingest's last drain, rules, sinks drained, store flushed.
/// </summary>
/// <remarks>
/// The sink drain is bounded by the host's shutdown token and at most 5 s. While running, a change of the settings
/// (the section's reload token, or <c>IOptionsMonitor&lt;RxMonitorOptions&gt;.OnChange</c>) reloads the rules.
/// </remarks>
internal sealed class RxMonitorHostedService : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);

    private readonly RxMonitorPipeline _pipeline;
    private readonly RxMonitorEndpointSources _endpoints;
    private readonly RxMonitorRegistrations _registrations;
    private readonly IRxMonitorSettingsSource _settings;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private RxMonitorHttpServer? _server;
    private IDisposable? _changes;

    public RxMonitorHostedService(
        RxMonitorPipeline pipeline,
        RxMonitorEndpointSources endpoints,
        RxMonitorRegistrations registrations,
        IRxMonitorSettingsSource settings,
        ILoggerFactory? loggerFactory = null)
    {
        _pipeline = pipeline;
        _endpoints = endpoints;
        _registrations = registrations;
        _settings = settings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(RxMonitorPipelineFactory.LogCategory);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var restored = await _pipeline.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_pipeline.Settings.Http is { } http)
        {
            _server = new RxMonitorHttpServer(http, _endpoints);
            await _server.StartAsync(cancellationToken).ConfigureAwait(false);
            RxMonitorLog.HttpListening(_logger, _server.BaseAddress);
        }

        _changes = _settings.OnChange(Reload);
        RxMonitorLog.Started(
            _logger,
            _pipeline.Sources.Count,
            _pipeline.Rules.Count,
            _pipeline.Store?.Location ?? "none",
            restored);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _changes?.Dispose();
        using var limit = new CancellationTokenSource(StopBudget, _pipeline.Time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        if (_server is not null)
        {
            await _server.StopAsync(budget.Token).ConfigureAwait(false);
        }

        await _pipeline.StopAsync(budget.Token).ConfigureAwait(false);
        var statistics = _pipeline.Ingest.GetStatistics();
        RxMonitorLog.Stopped(_logger, statistics.Delivered, statistics.Dropped);
    }

    // A configuration change: the rules are replaced (unchanged ones keep their alert state), an invalid configuration
    // is refused with every problem in one entry, and start-only keys are named as requiring a restart.
    private void Reload()
    {
        lock (_reloading)
        {
            var settings = RxMonitorPipelineFactory.Read(_registrations, _settings, RxMonitorPipelineFactory.SinkTypes(_registrations, null), out var problems);
            var reload = _pipeline.Reload("configuration changed", settings, [.. problems.Select(static p => p.ToString())]);
            if (reload.Refused)
            {
                RxMonitorLog.ReloadRefused(_logger, reload.Summary);
                return;
            }

            RxMonitorLog.Reloaded(_logger, reload.Summary);
            if (reload.RestartNotice is { } notice)
            {
                RxMonitorLog.RestartRequired(_logger, notice);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _changes?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
