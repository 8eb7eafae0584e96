using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>A writer ring's queued run as the consumer sees it: one span, or two around the ring's wrap.</summary>
/// <param name="slots">The array that holds the run.</param>
/// <param name="start">Where the first span starts.</param>
/// <param name="first">The length of the first span.</param>
/// <param name="second">The length of the second span, which starts at index 0.</param>
internal readonly struct RingRun(MetricSample[] slots, int start, int first, int second)
{
    /// <summary>The number of samples in the run.</summary>
    public int Length => first + second;

    /// <summary>The first span.</summary>
    public ReadOnlySpan<MetricSample> First => slots.AsSpan(start, first);

    /// <summary>The second span (empty unless the run wraps).</summary>
    public ReadOnlySpan<MetricSample> Second => second == 0 ? default : slots.AsSpan(0, second);

    /// <summary>The <paramref name="index"/>-th sample of the run.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <returns>The sample.</returns>
    public ref readonly MetricSample this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref index < first ? ref slots[start + index] : ref slots[index - first];
    }
}
