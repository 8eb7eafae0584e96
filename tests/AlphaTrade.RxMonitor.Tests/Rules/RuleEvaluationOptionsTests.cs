using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class RuleEvaluationOptionsTests
{
    [Fact]
    public void Validate_Defaults_HaveNoProblems() =>
        Assert.Empty(new RuleEvaluationOptions().Problems(RuleEvaluationOptions.Section));

    [Fact]
    public void Validate_IntervalNotPositive_AtEvaluationInterval()
    {
        var problems = new RuleEvaluationOptions { EvaluationInterval = TimeSpan.Zero }.Problems(RuleEvaluationOptions.Section);

        Assert.Equal(["RuleEvaluationOptions:EvaluationInterval: must be positive, was 00:00:00."], problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Validate_DelayBelowOneTick_AtEvaluationDelay()
    {
        var problems = new RuleEvaluationOptions { EvaluationDelay = TimeSpan.Zero }.Problems(RuleEvaluationOptions.Section);

        Assert.Equal(["RuleEvaluationOptions:EvaluationDelay: must be at least one tick, was 00:00:00."], problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void ReloadableRuleSet_InvalidOptions_ThrowsTheConfigurationExceptionListingEveryProblem()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            new ReloadableRuleSet([], new RuleEvaluationOptions { EvaluationInterval = TimeSpan.Zero, EvaluationDelay = TimeSpan.Zero }));

        Assert.Equal(["RuleEvaluationOptions:EvaluationInterval", "RuleEvaluationOptions:EvaluationDelay"], error.Problems.Select(static p => p.Path));
    }
}
