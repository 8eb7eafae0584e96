using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Tests.Sources.Database;

public sealed class DatabaseMetricsOptionsTests
{
    private static string[] Problems(Action<DatabaseMetricsOptions> configure)
    {
        var options = new DatabaseMetricsOptions { Name = "trading" };
        configure(options);
        return [.. options.Problems(DatabaseMetricsOptions.Section).Select(static p => p.ToString())];
    }

    [Fact]
    public void Validate_Named_HasNoProblems() =>
        Assert.Empty(Problems(static _ => { }));

    [Fact]
    public void Validate_BlankName_IsRequiredAtName() =>
        Assert.Equal(["DatabaseMetricsOptions:Name: is required (the db label)."], Problems(static o => o.Name = " "));

    [Fact]
    public void Validate_MaxPoolSizeZero_AtMaxPoolSize() =>
        Assert.Equal(["DatabaseMetricsOptions:MaxPoolSize: must be at least 1, was 0."], Problems(static o => o.MaxPoolSize = 0));

    [Fact]
    public void Validate_MaxStatementsZero_AtMaxStatements() =>
        Assert.Equal(["DatabaseMetricsOptions:MaxStatements: must be at least 1, was 0."], Problems(static o => o.MaxStatements = 0));

    [Fact]
    public void Validate_NoLockContentionClassifier_IsRequiredAtIsLockContention() =>
        Assert.Equal(["DatabaseMetricsOptions:IsLockContention: is required."], Problems(static o => o.IsLockContention = null!));

    [Fact]
    public void Validate_QuantileOutOfRange_AtItsIndex() =>
        Assert.Equal(["DatabaseMetricsOptions:Quantiles:3: must be within 0..1, was 1.5."], Problems(static o => o.Quantiles.Add(1.5)));

    [Fact]
    public void Validate_QuantileNaN_AtItsIndex() =>
        Assert.Equal(["DatabaseMetricsOptions:Quantiles:0: must be within 0..1, was NaN."], Problems(static o => o.Quantiles[0] = double.NaN));
}
