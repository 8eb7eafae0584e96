using System.Collections.Concurrent;
using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>Records every reported failure.</summary>
internal sealed class RecordingFailureListener : IFailureListener
{
    private readonly ConcurrentQueue<PipelineFailure> _failures = new();

    public IReadOnlyList<PipelineFailure> Failures => [.. _failures];

    public void OnFailure(PipelineFailure failure) => _failures.Enqueue(failure);
}
