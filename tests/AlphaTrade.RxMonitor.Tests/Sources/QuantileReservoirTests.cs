using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Tests.Sources;

public sealed class QuantileReservoirTests
{
    [Fact]
    public void Quantile_FewerValuesThanCapacity_InterpolatesLikePrometheus()
    {
        var reservoir = new QuantileReservoir(16);
        foreach (var v in new[] { 4.0, 1, 3, 2 })
        {
            reservoir.Record(v);
        }

        reservoir.Sort();

        Assert.Equal(2.5, reservoir.Quantile(0.5));
        Assert.Equal(1, reservoir.Quantile(0));
        Assert.Equal(4, reservoir.Quantile(1));
    }

    [Fact]
    public void Quantile_MoreValuesThanCapacity_SamplesAcrossTheWholeInterval()
    {
        var reservoir = new QuantileReservoir(256);
        for (var i = 0; i < 100_000; i++)
        {
            reservoir.Record(i);
        }

        reservoir.Sort();

        Assert.Equal(100_000, reservoir.Seen);
        Assert.InRange(reservoir.Quantile(0.5), 40_000, 60_000);
        Assert.InRange(reservoir.Quantile(0.99), 95_000, 100_000);
    }

    [Fact]
    public void Quantile_Empty_IsNaN()
    {
        var reservoir = new QuantileReservoir(4);

        Assert.True(double.IsNaN(reservoir.Quantile(0.5)));
    }
}
