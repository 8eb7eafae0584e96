using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Meters;

namespace AlphaTrade.RxMonitor.Tests.Sources.Meters;

public sealed class MeterSourceOptionsTests
{
    private static string[] Problems(Action<MeterSourceOptions> configure)
    {
        var options = new MeterSourceOptions();
        configure(options);
        return [.. options.Problems(MeterSourceOptions.Section).Select(static p => p.ToString())];
    }

    [Fact]
    public void Validate_Defaults_HaveNoProblems() =>
        Assert.Empty(Problems(static _ => { }));

    [Fact]
    public void Validate_QuantileOutOfRange_AtItsIndex() =>
        Assert.Equal(["MeterSourceOptions:Quantiles:1: must be within 0..1, was -0.5."], Problems(static o => o.Quantiles[1] = -0.5));

    [Fact]
    public void Validate_BlankMeterName_AtItsIndex() =>
        Assert.Equal(["MeterSourceOptions:Meters:1: must not be empty."], Problems(static o => { o.Meters.Add("MyApp.*"); o.Meters.Add(""); }));

    [Fact]
    public void Validate_MaxSeriesZero_AtMaxSeriesPerInstrument() =>
        Assert.Equal(["MeterSourceOptions:MaxSeriesPerInstrument: must be at least 1, was 0."], Problems(static o => o.MaxSeriesPerInstrument = 0));
}
