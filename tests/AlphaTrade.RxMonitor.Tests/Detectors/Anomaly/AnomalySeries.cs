namespace AlphaTrade.RxMonitor.Tests.Detectors.Anomaly;

/// <summary>Synthetic series for the anomaly detector: a clean daily-like cycle with a little seeded noise.</summary>
internal static class AnomalySeries
{
    public const int Period = 48;

    public static double[] Periodic(int count, int seed = 7)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = 100 + (20 * Math.Sin(2 * Math.PI * i / Period)) + random.NextDouble();
        }

        return values;
    }

    /// <summary>The periodic series with values from <paramref name="start"/> on replaced by <paramref name="change"/>(i, value).</summary>
    public static double[] ChangedFrom(int count, int start, Func<int, double, double> change)
    {
        var values = Periodic(count);
        for (var i = start; i < count; i++)
        {
            values[i] = change(i, values[i]);
        }

        return values;
    }

    /// <summary>Uniform noise across the cycle's range: nothing like the cycle's patterns.</summary>
    public static double Erratic(int i) => 80 + (40 * (((i * 7919) % 97) / 97.0));
}
