namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>Reports failures to an <see cref="IFailureListener"/> so that reporting itself can never fail.</summary>
internal static class FailureReporting
{
    /// <summary>Hands <paramref name="failure"/> to <paramref name="listener"/>, swallowing anything the listener throws.</summary>
    /// <param name="listener">The listener, or <see langword="null"/> for none.</param>
    /// <param name="failure">The failure.</param>
    public static void Report(IFailureListener? listener, PipelineFailure failure)
    {
        if (listener is null)
        {
            return;
        }

        try
        {
            listener.OnFailure(failure);
        }
        // A failing listener must not take the pipeline down; there is nowhere left to report to.
        catch (Exception)
        {
        }
    }
}
