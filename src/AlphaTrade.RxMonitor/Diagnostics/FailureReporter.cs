namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>Reports isolated failures to an optional <see cref="IFailureListener"/>, swallowing anything the listener throws.</summary>
internal sealed class FailureReporter(IFailureListener? listener, TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public void Report(PipelineComponent component, string name, string message, Exception? exception = null)
    {
        if (listener is not null)
        {
            FailureReporting.Report(listener, new PipelineFailure(component, name, message, exception, Time.GetUtcNow()));
        }
    }
}
