using AlphaTrade.RxMonitor.Hosting.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Starts the embedded pipeline with the host (ingest loop, rules, sources, and the standalone HTTP server when
/// configured) and stops it in order: HTTP, sources, the ingest's last drain, rules, sinks drained, store flushed.
/// </summary>
/// <remarks>The sink drain is bounded by the host's shutdown token and at most 5 s.</remarks>
internal sealed class RxMonitorHostedService : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);

    private readonly RxMonitorPipeline _pipeline;
    private readonly RxMonitorEndpointSources _endpoints;
    private readonly ILogger _logger;
    private RxMonitorHttpServer? _server;

    public RxMonitorHostedService(RxMonitorPipeline pipeline, RxMonitorEndpointSources endpoints, ILoggerFactory? loggerFactory = null)
    {
        _pipeline = pipeline;
        _endpoints = endpoints;
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

        RxMonitorLog.Started(
            _logger,
            _pipeline.Sources.Count,
            _pipeline.Rules.Count,
            _pipeline.Store is null ? "none" : _pipeline.Settings.Store!.Path,
            restored);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
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

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
