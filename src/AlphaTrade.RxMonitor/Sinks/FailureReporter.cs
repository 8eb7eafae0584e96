using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>Reports isolated failures to an optional <see cref="IFailureListener"/>, swallowing anything the listener throws.</summary>
internal sealed class FailureReporter(IFailureListener? listener, TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public void Report(PipelineComponent component, string name, string message, Exception? exception = null)
    {
        if (listener is null)
        {
            return;
        }

        try
        {
            listener.OnFailure(new PipelineFailure(component, name, message, exception, Time.GetUtcNow()));
        }
#pragma warning disable CA1031 // A failing listener must never take the pipeline down.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
