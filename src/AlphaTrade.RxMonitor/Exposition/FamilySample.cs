using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>One sample of a family: its labels, value and optional time (UTC ticks).</summary>
internal readonly record struct FamilySample(LabelSet Labels, double Value, long? TimestampTicks);
