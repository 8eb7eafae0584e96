using AlphaTrade.RxMonitor.Detectors;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>Holds the last signal a user's detector query gave for one series until the next one or until it is stale.</summary>
internal sealed class SignalHoldEvaluator(long staleAfterTicks) : ISeriesEvaluator
{
    private long _ticks = long.MinValue;
    private DetectorResult _last = DetectorResult.NoData;

    public void Hold(long timestampTicks, DetectorResult result)
    {
        _ticks = timestampTicks;
        _last = result;
    }

    public void Add(long timestampTicks, double value)
    {
        // Samples go to the user's query; only its signals reach this evaluator, through Hold.
    }

    public DetectorResult Evaluate(long timestampTicks) =>
        _ticks == long.MinValue || timestampTicks - _ticks > staleAfterTicks ? DetectorResult.NoData : _last;
}
