using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class SeasonalBaselineTests
{
    private static readonly DateTimeOffset Sunday = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HourOfWeek_SundayMidnight_IsZero() => Assert.Equal(0, HourOfWeek.Of(Sunday));

    [Fact]
    public void HourOfWeek_SaturdayLastHour_Is167() => Assert.Equal(167, HourOfWeek.Of(Sunday.AddDays(-1).AddHours(23.5)));

    [Fact]
    public void HourOfWeek_FridayAfternoon_CountsDaysFromSunday() =>
        Assert.Equal((5 * 24) + 15, HourOfWeek.Of(new DateTimeOffset(2026, 11, 27, 15, 59, 0, TimeSpan.Zero)));

    [Fact]
    public void HourOfWeek_OffsetTime_UsesUtc() =>
        Assert.Equal(0, HourOfWeek.Of(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.FromHours(2))));

    [Fact]
    public void FromHourlyMeans_ThreeWeeks_MeanAndSampleStdDevPerHour()
    {
        var buckets = new[] { 10.0, 12, 14 }.Select((v, week) => new RollupPoint(Sunday.AddDays(7 * week).AddHours(9), 2, 2 * v, v, v, v));

        var baseline = SeasonalBaseline.FromHourlyMeans(SeriesKey.Create("x"), HourlyMeans.Of(buckets));

        var nine = baseline.Hours[9];
        Assert.Equal(3, nine.Weeks);
        Assert.Equal(12, nine.Mean, 12);
        Assert.Equal(2, nine.StdDev, 12);
        Assert.Equal(0, baseline.Hours[10].Weeks);
        Assert.Equal(nine, baseline.At(Sunday.AddDays(35).AddHours(9).AddMinutes(30)));
    }

    [Fact]
    public void FromHourlyMeans_EmptyBucket_IsNotAWeek()
    {
        var baseline = SeasonalBaseline.FromHourlyMeans(SeriesKey.Create("x"), HourlyMeans.Of([new RollupPoint(Sunday, 0, 0, 0, 0, 0)]));

        Assert.Equal(0, baseline.Hours[0].Weeks);
        Assert.True(double.IsNaN(baseline.Hours[0].Mean));
    }

    [Fact]
    public void ZScore_TwoDeviationsAbove_IsTwo() => Assert.Equal(2, new HourOfWeekStatistics(0, 3, 10, 1.5).ZScore(13), 12);

    [Fact]
    public void ZScore_OneWeek_IsNaN() => Assert.True(double.IsNaN(new HourOfWeekStatistics(0, 1, 10, double.NaN).ZScore(13)));

    [Fact]
    public void ZScore_ZeroSpread_ZeroAtTheMeanInfiniteElsewhere()
    {
        var flat = new HourOfWeekStatistics(0, 4, 10, 0);

        Assert.Equal(0, flat.ZScore(10));
        Assert.Equal(double.PositiveInfinity, flat.ZScore(10.5));
        Assert.Equal(double.NegativeInfinity, flat.ZScore(9));
    }
}
