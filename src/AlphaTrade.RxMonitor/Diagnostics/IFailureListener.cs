namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>Receives every failure the pipeline isolates: the one failure-reporting API.</summary>
/// <remarks>
/// Called on the thread where the failure was caught; implementations must be thread-safe, fast and must
/// not throw (an exception thrown here is swallowed so that reporting can never take the pipeline down).
/// </remarks>
public interface IFailureListener
{
    /// <summary>Reports one failure.</summary>
    /// <param name="failure">What failed, where and when.</param>
    void OnFailure(PipelineFailure failure);
}
