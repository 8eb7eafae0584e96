using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The baseline: the same two rules as a plain loop over the array with per-series state in arrays indexed
/// by the series' position in the round robin. The fastest this work can be done; everything else is a ratio of it.
/// </summary>
internal sealed class HandWrittenRules
{
    private readonly long[] _windowIndex = new long[HotPathWorkload.SeriesCount];
    private readonly double[] _sum = new double[HotPathWorkload.SeriesCount];
    private readonly int[] _count = new int[HotPathWorkload.SeriesCount];
    private readonly double[] _previousMean = new double[HotPathWorkload.SeriesCount];
    private readonly bool[] _highFiring = new bool[HotPathWorkload.SeriesCount];
    private readonly bool[] _riseFiring = new bool[HotPathWorkload.SeriesCount];

    public long Transitions { get; private set; }

    public void Run(MetricSample[] samples)
    {
        var windowTicks = HotPathWorkload.Window.Ticks;
        Array.Fill(_windowIndex, long.MinValue);
        for (var i = 0; i < samples.Length; i++)
        {
            var s = i % HotPathWorkload.SeriesCount;
            var window = samples[i].TimestampTicks / windowTicks;
            if (window != _windowIndex[s])
            {
                if (_count[s] > 0)
                {
                    Close(s);
                }

                _windowIndex[s] = window;
                _sum[s] = 0;
                _count[s] = 0;
            }

            _sum[s] += samples[i].Value;
            _count[s]++;
        }
    }

    private void Close(int s)
    {
        var mean = _sum[s] / _count[s];
        var high = mean > HotPathWorkload.MeanThreshold;
        if (high != _highFiring[s])
        {
            _highFiring[s] = high;
            Transitions++;
        }

        var previous = _previousMean[s];
        var rise = previous > 0 && (mean - previous) / previous > HotPathWorkload.RiseFraction;
        if (rise != _riseFiring[s])
        {
            _riseFiring[s] = rise;
            Transitions++;
        }

        _previousMean[s] = mean;
    }
}
