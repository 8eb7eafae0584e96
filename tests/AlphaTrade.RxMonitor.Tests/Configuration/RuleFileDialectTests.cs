using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Rules.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Configuration;

public sealed class RuleFileDialectTests
{
    [Fact]
    public void Parse_KeysInTheUsersCasing_AreNamedAsTypedAndListedTogether()
    {
        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(
            """{"rules": [{"Name": "A", "Series": "cpu", "For": "soon", "Threshold": {"Above": "x", "Recovry": 1}}]}""", "rules.json"));

        Assert.Equal(
            [
                "rules[0].Threshold.Above: expected a number, found the string \"x\"",
                "unknown key rules[0].Threshold.Recovry (did you mean rules[0].Threshold.Recovery?)",
                "rules[0].For: expected a duration (30s, 1m30s or 00:01:30), found 'soon'",
            ],
            e.Problems.Select(static p => p.ToString()));
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("1m30s", 90)]
    [InlineData("00:01:30", 90)]
    public void Parse_DurationInEitherForm_IsTheRulesFor(string text, int seconds)
    {
        var rules = RuleFile.Parse($$$"""{"rules": [{"name": "A", "series": "cpu", "for": "{{{text}}}", "threshold": {"above": 1}}]}""", "rules.json").ToAlertRules();

        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.Single(rules).For);
    }
}
