namespace AlphaTrade.RxMonitor.Operators.Prometheus;

/// <summary>
/// Prometheus 2.42 range-vector functions over the samples of one range, computed exactly as
/// <c>promql/functions.go</c> does (same formulas, same order of floating-point operations).
/// </summary>
/// <remarks>
/// <para>
/// Every function takes the samples of one range as two parallel spans, oldest first: timestamps in UTC
/// ticks and values. In Prometheus 2.x a range selector <c>x[d]</c> evaluated at <c>t</c> selects the samples
/// with <c>t - d &lt;= timestamp &lt;= t</c> (closed at both ends); <see cref="RangeStartIndex"/> finds the
/// first of them in a time-ordered buffer. Durations are seconds as doubles, computed from tick differences,
/// which equals Prometheus's millisecond arithmetic for millisecond-aligned timestamps.
/// </para>
/// <para>
/// A function that Prometheus would leave out of its result (too few samples) returns <see langword="false"/>.
/// Pure and allocation-free; <see cref="QuantileOverTime"/> sorts into a caller-provided scratch span.
/// </para>
/// </remarks>
public static class PrometheusFunctions
{
    /// <summary>The instant-vector lookback: an instant selector at <c>t</c> takes the newest sample in <c>[t - 5m, t]</c>.</summary>
    public static readonly TimeSpan LookbackDelta = TimeSpan.FromMinutes(5);

    private const double TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>The index of the first sample at or after <paramref name="rangeStartTicks"/> (the range is closed on the left).</summary>
    /// <param name="ticks">Timestamps in non-decreasing order.</param>
    /// <param name="rangeStartTicks">The range start, <c>t - d</c>.</param>
    /// <returns>The index, or <c>ticks.Length</c> when every sample is older.</returns>
    public static int RangeStartIndex(ReadOnlySpan<long> ticks, long rangeStartTicks)
    {
        int low = 0, high = ticks.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (ticks[mid] < rangeStartTicks)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary><c>rate(x[d])</c>: the per-second increase of a counter, corrected for resets and extrapolated.</summary>
    /// <param name="ticks">The range's timestamps.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="evaluationTicks">The evaluation time <c>t</c>; the range is <c>[t - d, t]</c>.</param>
    /// <param name="range">The range duration <c>d</c>.</param>
    /// <param name="result">The rate.</param>
    /// <returns><see langword="false"/> with fewer than two samples.</returns>
    public static bool Rate(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, long evaluationTicks, TimeSpan range, out double result) =>
        ExtrapolatedRate(ticks, values, evaluationTicks, range, isCounter: true, isRate: true, out result);

    /// <summary><c>increase(x[d])</c>: the increase of a counter over the range, corrected for resets and extrapolated.</summary>
    /// <param name="ticks">The range's timestamps.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="evaluationTicks">The evaluation time <c>t</c>.</param>
    /// <param name="range">The range duration <c>d</c>.</param>
    /// <param name="result">The increase.</param>
    /// <returns><see langword="false"/> with fewer than two samples.</returns>
    public static bool Increase(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, long evaluationTicks, TimeSpan range, out double result) =>
        ExtrapolatedRate(ticks, values, evaluationTicks, range, isCounter: true, isRate: false, out result);

    /// <summary><c>delta(x[d])</c>: the difference of a gauge between the range's ends, extrapolated.</summary>
    /// <param name="ticks">The range's timestamps.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="evaluationTicks">The evaluation time <c>t</c>.</param>
    /// <param name="range">The range duration <c>d</c>.</param>
    /// <param name="result">The delta.</param>
    /// <returns><see langword="false"/> with fewer than two samples.</returns>
    public static bool Delta(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, long evaluationTicks, TimeSpan range, out double result) =>
        ExtrapolatedRate(ticks, values, evaluationTicks, range, isCounter: false, isRate: false, out result);

    /// <summary>
    /// Prometheus's <c>extrapolatedRate</c>: last minus first (plus the value before each counter reset), then
    /// extrapolated towards the range's ends: all the way when the gap to an end is below 1.1 × the average
    /// sample interval, else by half an average interval; for counters never below the extrapolated zero point.
    /// </summary>
    /// <param name="ticks">The range's timestamps.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="evaluationTicks">The evaluation time <c>t</c>.</param>
    /// <param name="range">The range duration <c>d</c>.</param>
    /// <param name="isCounter">Whether to correct for counter resets and clamp at the zero point.</param>
    /// <param name="isRate">Whether to divide by the range in seconds.</param>
    /// <param name="result">The result.</param>
    /// <returns><see langword="false"/> with fewer than two samples.</returns>
    public static bool ExtrapolatedRate(
        ReadOnlySpan<long> ticks,
        ReadOnlySpan<double> values,
        long evaluationTicks,
        TimeSpan range,
        bool isCounter,
        bool isRate,
        out double result) =>
        ExtrapolatedRate(ticks, values, evaluationTicks, range, isCounter, isRate, scanForResets: isCounter, out result);

    /// <summary>
    /// <see cref="ExtrapolatedRate(ReadOnlySpan{long}, ReadOnlySpan{double}, long, TimeSpan, bool, bool, out double)"/>
    /// for a caller that knows whether the range holds a counter reset: without one the O(n) reset scan is
    /// skipped, which adds nothing to the result, so the arithmetic stays Prometheus's.
    /// </summary>
    internal static bool ExtrapolatedRate(
        ReadOnlySpan<long> ticks,
        ReadOnlySpan<double> values,
        long evaluationTicks,
        TimeSpan range,
        bool isCounter,
        bool isRate,
        bool scanForResets,
        out double result)
    {
        CheckSpans(ticks, values);
        result = double.NaN;
        if (values.Length < 2)
        {
            return false;
        }

        var rangeStart = evaluationTicks - range.Ticks;
        var last = values.Length - 1;
        var resultValue = values[last] - values[0];
        if (isCounter && scanForResets)
        {
            var previous = values[0];
            for (var i = 1; i < values.Length; i++)
            {
                if (values[i] < previous)
                {
                    resultValue += previous;
                }

                previous = values[i];
            }
        }

        var durationToStart = (ticks[0] - rangeStart) / TicksPerSecond;
        var durationToEnd = (evaluationTicks - ticks[last]) / TicksPerSecond;
        var sampledInterval = (ticks[last] - ticks[0]) / TicksPerSecond;
        var averageDurationBetweenSamples = sampledInterval / last;

        // Prometheus 2.42 clamps to the zero point before comparing with the extrapolation threshold.
        if (isCounter && resultValue > 0 && values[0] >= 0)
        {
            var durationToZero = sampledInterval * (values[0] / resultValue);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        var extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        var extrapolateToInterval = sampledInterval;
        extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;

        var factor = extrapolateToInterval / sampledInterval;
        if (isRate)
        {
            factor /= range.TotalSeconds;
        }

        result = resultValue * factor;
        return true;
    }

    /// <summary><c>deriv(x[d])</c>: the per-second slope of the least-squares line through the range.</summary>
    /// <param name="ticks">The range's timestamps.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The slope.</param>
    /// <returns><see langword="false"/> with fewer than two samples.</returns>
    public static bool Deriv(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, out double result)
    {
        CheckSpans(ticks, values);
        if (values.Length < 2)
        {
            result = double.NaN;
            return false;
        }

        // Times relative to the first sample, as Prometheus does, to keep the sums small.
        (result, _) = LinearRegression(ticks, values, ticks[0]);
        return true;
    }

    /// <summary><c>predict_linear(x[d], s)</c>: the least-squares line through the range, evaluated <paramref name="horizonSeconds"/> after <paramref name="evaluationTicks"/>.</summary>
    /// <param name="ticks">The range's timestamps.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="evaluationTicks">The evaluation time <c>t</c> (the line's intercept is taken there).</param>
    /// <param name="horizonSeconds">How far ahead of <c>t</c> to predict, in seconds.</param>
    /// <param name="result">The predicted value.</param>
    /// <returns><see langword="false"/> with fewer than two samples.</returns>
    public static bool PredictLinear(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, long evaluationTicks, double horizonSeconds, out double result)
    {
        CheckSpans(ticks, values);
        if (values.Length < 2)
        {
            result = double.NaN;
            return false;
        }

        var (slope, intercept) = LinearRegression(ticks, values, evaluationTicks);
        result = (slope * horizonSeconds) + intercept;
        return true;
    }

    /// <summary>Prometheus's <c>linearRegression</c>: least squares with Kahan-compensated sums, x in seconds relative to <paramref name="interceptTicks"/>.</summary>
    /// <param name="ticks">The samples' timestamps (at least one).</param>
    /// <param name="values">The samples' values.</param>
    /// <param name="interceptTicks">The time at which the intercept is reported.</param>
    /// <returns>The slope per second and the value of the line at <paramref name="interceptTicks"/>.</returns>
    public static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, long interceptTicks)
    {
        CheckSpans(ticks, values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Length, nameof(values));
        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        var initY = values[0];
        var constY = true;
        for (var i = 0; i < values.Length; i++)
        {
            var y = values[i];
            if (constY && i > 0 && y != initY)
            {
                constY = false;
            }

            n += 1.0;
            var x = (ticks[i] - interceptTicks) / TicksPerSecond;
            (sumX, cX) = KahanSumInc(x, sumX, cX);
            (sumY, cY) = KahanSumInc(y, sumY, cY);
            (sumXY, cXY) = KahanSumInc(x * y, sumXY, cXY);
            (sumX2, cX2) = KahanSumInc(x * x, sumX2, cX2);
        }

        if (constY)
        {
            return double.IsInfinity(initY) ? (double.NaN, double.NaN) : (0, initY);
        }

        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        var covXY = sumXY - (sumX * sumY / n);
        var varX = sumX2 - (sumX * sumX / n);
        var slope = covXY / varX;
        var intercept = (sumY / n) - (slope * sumX / n);
        return (slope, intercept);
    }

    /// <summary><c>avg_over_time</c>: the incremental, Kahan-compensated mean Prometheus computes.</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The mean.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool AvgOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = double.NaN;
        if (values.IsEmpty)
        {
            return false;
        }

        double mean = 0, count = 0, c = 0;
        foreach (var v in values)
        {
            count++;
            if (double.IsInfinity(mean))
            {
                if (double.IsInfinity(v) && (mean > 0) == (v > 0))
                {
                    continue;
                }

                if (!double.IsInfinity(v) && !double.IsNaN(v))
                {
                    continue;
                }
            }

            (mean, c) = KahanSumInc((v / count) - (mean / count), mean, c);
        }

        result = double.IsInfinity(mean) ? mean : mean + c;
        return true;
    }

    /// <summary><c>sum_over_time</c>, Kahan-compensated.</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The sum.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool SumOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = double.NaN;
        if (values.IsEmpty)
        {
            return false;
        }

        double sum = 0, c = 0;
        foreach (var v in values)
        {
            (sum, c) = KahanSumInc(v, sum, c);
        }

        result = double.IsInfinity(sum) ? sum : sum + c;
        return true;
    }

    /// <summary><c>min_over_time</c> (a NaN is replaced by any later value).</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The minimum.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool MinOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = double.NaN;
        if (values.IsEmpty)
        {
            return false;
        }

        result = values[0];
        foreach (var v in values)
        {
            if (v < result || double.IsNaN(result))
            {
                result = v;
            }
        }

        return true;
    }

    /// <summary><c>max_over_time</c> (a NaN is replaced by any later value).</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The maximum.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool MaxOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = double.NaN;
        if (values.IsEmpty)
        {
            return false;
        }

        result = values[0];
        foreach (var v in values)
        {
            if (v > result || double.IsNaN(result))
            {
                result = v;
            }
        }

        return true;
    }

    /// <summary><c>count_over_time</c>.</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The number of samples.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool CountOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = values.IsEmpty ? double.NaN : values.Length;
        return !values.IsEmpty;
    }

    /// <summary><c>last_over_time</c>: the newest value.</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The newest value.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool LastOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = values.IsEmpty ? double.NaN : values[^1];
        return !values.IsEmpty;
    }

    /// <summary><c>stddev_over_time</c>: the population standard deviation, by Prometheus's compensated Welford algorithm.</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The standard deviation.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool StdDevOverTime(ReadOnlySpan<double> values, out double result)
    {
        if (!StdVarOverTime(values, out var variance))
        {
            result = double.NaN;
            return false;
        }

        result = Math.Sqrt(variance);
        return true;
    }

    /// <summary><c>stdvar_over_time</c>: the population variance, by Prometheus's compensated Welford algorithm.</summary>
    /// <param name="values">The range's values.</param>
    /// <param name="result">The variance.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool StdVarOverTime(ReadOnlySpan<double> values, out double result)
    {
        result = double.NaN;
        if (values.IsEmpty)
        {
            return false;
        }

        double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
        foreach (var v in values)
        {
            count++;
            var delta = v - (mean + cMean);
            (mean, cMean) = KahanSumInc(delta / count, mean, cMean);
            (aux, cAux) = KahanSumInc(delta * (v - (mean + cMean)), aux, cAux);
        }

        result = (aux + cAux) / count;
        return true;
    }

    /// <summary>
    /// <c>quantile_over_time(q, x[d])</c>: sorts the values and interpolates linearly between the two nearest
    /// ranks (<c>rank = q · (n − 1)</c>); <c>q &lt; 0</c> gives −∞ and <c>q &gt; 1</c> gives +∞, as in Prometheus.
    /// </summary>
    /// <param name="quantile">The quantile φ.</param>
    /// <param name="values">The range's values.</param>
    /// <param name="scratch">Space for at least <c>values.Length</c> doubles; overwritten.</param>
    /// <param name="result">The quantile.</param>
    /// <returns><see langword="false"/> for an empty range.</returns>
    public static bool QuantileOverTime(double quantile, ReadOnlySpan<double> values, Span<double> scratch, out double result)
    {
        result = double.NaN;
        if (values.IsEmpty)
        {
            return false;
        }

        if (quantile < 0)
        {
            result = double.NegativeInfinity;
            return true;
        }

        if (quantile > 1)
        {
            result = double.PositiveInfinity;
            return true;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, values.Length, nameof(scratch));
        var sorted = scratch[..values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        result = QuantileOfSorted(quantile, sorted);
        return true;
    }

    /// <summary>
    /// The φ-quantile of values already sorted ascending, interpolated as <c>quantile_over_time</c> does
    /// (<c>rank = φ · (n − 1)</c>, linear between the two nearest ranks); φ &lt; 0 gives −∞, φ &gt; 1 gives +∞.
    /// </summary>
    /// <param name="quantile">The quantile φ.</param>
    /// <param name="sorted">The values, sorted ascending.</param>
    /// <returns>The quantile; NaN when <paramref name="sorted"/> is empty.</returns>
    public static double QuantileOfSorted(double quantile, ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        if (quantile < 0)
        {
            return double.NegativeInfinity;
        }

        if (quantile > 1)
        {
            return double.PositiveInfinity;
        }

        double n = sorted.Length;
        var rank = quantile * (n - 1);
        var lowerIndex = Math.Max(0, Math.Floor(rank));
        var upperIndex = Math.Min(n - 1, lowerIndex + 1);
        var weight = rank - Math.Floor(rank);
        return (sorted[(int)lowerIndex] * (1 - weight)) + (sorted[(int)upperIndex] * weight);
    }

    /// <summary>Prometheus's Kahan–Neumaier summation step.</summary>
    /// <param name="increment">The term to add.</param>
    /// <param name="sum">The running sum.</param>
    /// <param name="compensation">The running compensation.</param>
    /// <returns>The new sum and compensation; the compensated total is their sum.</returns>
    public static (double Sum, double Compensation) KahanSumInc(double increment, double sum, double compensation)
    {
        var t = sum + increment;
        if (Math.Abs(sum) >= Math.Abs(increment))
        {
            compensation += (sum - t) + increment;
        }
        else
        {
            compensation += (increment - t) + sum;
        }

        return (t, compensation);
    }

    private static void CheckSpans(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values)
    {
        if (ticks.Length != values.Length)
        {
            throw new ArgumentException("Timestamps and values must have the same length.", nameof(values));
        }
    }
}
