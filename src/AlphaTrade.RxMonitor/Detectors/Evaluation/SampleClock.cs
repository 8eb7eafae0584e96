namespace AlphaTrade.RxMonitor.Detectors.Evaluation;

/// <summary>
/// The time of a series' newest sample. Each state has its own until it shares one (<see cref="SeriesState.ShareClock"/>):
/// a rule set's route of a series is that series' clock for every rule, so a sample that changes no rule's result
/// moves one field.
/// </summary>
internal class SampleClock
{
    /// <summary>The newest sample's time in UTC ticks; <see cref="SeriesState.None"/> before the first.</summary>
    public long Ticks = SeriesState.None;
}
