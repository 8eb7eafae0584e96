using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Configuration;

public sealed class ConfigurationDurationTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("1m30s", 90)]
    [InlineData("00:01:30", 90)]
    [InlineData("1.00:00:00", 86_400)]
    public void TryParse_EitherForm_IsTheDuration(string text, int seconds)
    {
        Assert.True(ConfigurationDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("1.5m")]
    [InlineData("90")]
    [InlineData(" 30s")]
    [InlineData("-00:00:01")]
    public void Parse_NotADuration_IsOneProblemNamingTheKey(string text)
    {
        var problems = new List<ConfigurationProblem>();

        Assert.Null(ConfigurationDuration.Parse(text, KeyPath.Section("RxMonitor:Alerting").Entry("ResolvedRetention"), problems));

        Assert.Equal($"RxMonitor:Alerting:ResolvedRetention: expected a duration (30s, 1m30s or 00:01:30), found '{text}'", Assert.Single(problems).ToString());
    }
}
