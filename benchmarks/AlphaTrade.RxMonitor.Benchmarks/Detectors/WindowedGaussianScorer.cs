namespace AlphaTrade.RxMonitor.Benchmarks.Detectors;

/// <summary>
/// The baseline: NAB's windowed Gaussian detector (the tail probability of each value under the mean and standard
/// deviation of the last 6,400 values), with running sums so each sample is O(1).
/// </summary>
public sealed class WindowedGaussianScorer
{
    private readonly double[] _window = new double[6400];
    private int _count;
    private int _head;
    private double _sum;
    private double _sumOfSquares;

    /// <summary>The score of <paramref name="value"/>: 1 − P(|Z| ≤ z) of its z-score, then the value joins the window.</summary>
    public double Score(double value)
    {
        var score = 0.0;
        if (_count > 1)
        {
            var mean = _sum / _count;
            var variance = Math.Max((_sumOfSquares / _count) - (mean * mean), 1e-12);
            score = 1 - Erfc(Math.Abs(value - mean) / Math.Sqrt(2 * variance));
        }

        if (_count == _window.Length)
        {
            var old = _window[_head];
            _sum -= old;
            _sumOfSquares -= old * old;
        }
        else
        {
            _count++;
        }

        _window[_head] = value;
        _head = _head + 1 == _window.Length ? 0 : _head + 1;
        _sum += value;
        _sumOfSquares += value * value;
        return score;
    }

    // Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7).
    private static double Erfc(double x)
    {
        var t = 1 / (1 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return poly * Math.Exp(-x * x);
    }
}
