using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// A sample observer that takes a drained run of samples in one call, so the ingest hands a batch over with one
/// call instead of one interface call per sample (the rule set implements it).
/// </summary>
internal interface ISampleBatchObserver
{
    /// <summary>
    /// Takes <c>samples[next..]</c> in order, exactly as <see cref="IObserver{T}.OnNext"/> for each, advancing
    /// <paramref name="next"/> past a sample before taking it: when the call throws, <paramref name="next"/> is
    /// where delivery resumes.
    /// </summary>
    /// <param name="samples">The run of samples; valid only during the call.</param>
    /// <param name="next">The index of the next sample to take.</param>
    void OnNextBatch(ReadOnlySpan<MetricSample> samples, ref int next);
}
