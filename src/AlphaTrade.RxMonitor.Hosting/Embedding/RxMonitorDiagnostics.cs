using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Ingest;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// The host's failure listener and pipeline-health figures: reports every isolated failure to a log callback, counts rule faults in
/// <see cref="PipelineMetrics"/>, and reports ingest drops, lag, faulted rules and sink drops to the health monitor.
/// </summary>
/// <remarks>Thread-safe: failures arrive from the ingest loop, sink consumers and the store's writer.</remarks>
internal sealed class RxMonitorDiagnostics : IFailureListener, IPipelineHealth
{
    private readonly Action<PipelineFailure> _log;
    private readonly PipelineMetrics _metrics;
    private Func<IngestStatistics> _ingest = static () => default;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _faultedRules = new(StringComparer.Ordinal);
    private Func<long> _sinkDropped = static () => 0;

    public RxMonitorDiagnostics(Action<PipelineFailure> log, PipelineMetrics metrics)
    {
        _log = log;
        _metrics = metrics;
    }

    /// <summary>Where the ingest statistics are read (the ingest, once it exists).</summary>
    public void ReadIngestFrom(MetricIngest ingest) => _ingest = ingest.GetStatistics;

    /// <summary>Where the total of notifications lost by sinks is read (the alert manager, once it exists).</summary>
    public void ReadSinkDropsFrom(Func<long> sinkDropped) => _sinkDropped = sinkDropped;

    public void OnFailure(PipelineFailure failure)
    {
        if (failure.Component == PipelineComponent.Rule)
        {
            _metrics.RuleFaulted(failure.Name);
            lock (_gate)
            {
                _faultedRules.Add(failure.Name);
            }
        }

        _log(failure);
    }

    /// <summary>Rules that faulted since the previous call, and the current ingest and sink figures.</summary>
    public PipelineHealthFigures GetFigures()
    {
        string[] faulted;
        lock (_gate)
        {
            faulted = [.. _faultedRules];
            _faultedRules.Clear();
        }

        var ingest = _ingest();
        return new PipelineHealthFigures(ingest.Dropped + ingest.Rejected + ingest.Invalid, ingest.LastLag, faulted, _sinkDropped())
        {
            SeriesRejected = ingest.SeriesRejected,
            IngestLate = ingest.Late,
            IngestLateMaxBehind = ingest.LateMaxBehind,
        };
    }
}
