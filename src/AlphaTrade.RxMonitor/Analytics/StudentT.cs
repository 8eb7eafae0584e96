namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>Two-sided 95 % critical values of Student's t distribution.</summary>
internal static class StudentT
{
    // t(0.975, df) for df = 1..30; beyond 30 the Cornish-Fisher expansion around 1.96 is within 0.001.
    private static readonly double[] s_table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The value t with P(|T| ≤ t) = 0.95 for <paramref name="degreesOfFreedom"/> ≥ 1.</summary>
    public static double Critical95(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= s_table.Length)
        {
            return s_table[degreesOfFreedom - 1];
        }

        const double z = 1.959964;
        double df = degreesOfFreedom;
        return z + (((z * z * z) + z) / (4 * df)) + (((5 * Math.Pow(z, 5)) + (16 * z * z * z) + (3 * z)) / (96 * df * df));
    }
}
