using System.Collections.Concurrent;
using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Support;

/// <summary>Keeps every reported failure.</summary>
internal sealed class CollectingFailureListener : IFailureListener
{
    public ConcurrentQueue<PipelineFailure> Failures { get; } = new();

    public void OnFailure(PipelineFailure failure) => Failures.Enqueue(failure);
}
