using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Sources;
using CsCheck;

namespace AlphaTrade.RxMonitor.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing (CsCheck, bounded iterations, one thread) of what users type: selectors, rules files and
/// CSV samples. Property: the input is accepted, or refused with the parser's own exception whose message names the
/// place; never another exception, never a .NET stack trace or type name in the message.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 3_000;

    /// <summary>The first iteration's seed (CsCheck format); every run explores the same inputs first.</summary>
    private const string Seed = "0N0XIzNsQ0O2";

    private const string ValidRules = """
        {"evaluationInterval": "15s", "rules": [
          {"name": "HighCpu", "series": "cpu_usage_percent{instance=~\"db-.*\"}", "severity": "critical", "for": "1m",
           "threshold": {"above": 90, "recovery": 80}, "labels": {"team": "db"}, "annotations": {"summary": "{{ $value }}"}},
          {"name": "Rate", "series": "requests_total", "rate": {"function": "rate", "window": "5m", "above": 10}}]}
        """;

    private const string ValidCsv = "timestamp,series,value\r\n2026-01-01T00:00:00Z,\"cpu{instance=\"\"a\"\"}\",50\r\n2026-01-01T00:00:10Z,cpu,NaN\n2026-01-01T00:00:20Z,cpu,1e3\n";

    private static void AssertUserFacing(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
    }

    [Trait("Category", "Integration")]
    [Fact]
    public void SeriesSelectorParse_MutatedSelectors_ParseOrNameTheColumn()
    {
        TextMutation.Of("cpu_usage_percent{instance=~\"db-.*\", job!=\"x\"}").Sample(text =>
        {
            try
            {
                SeriesSelector.Parse(text);
            }
            catch (SelectorParseException e)
            {
                AssertUserFacing(e.Message);
                Assert.InRange(e.Column, 0, text.Length + 1);
            }
        }, iter: Iterations, threads: 1, seed: Seed);
    }

    [Trait("Category", "Integration")]
    [Fact]
    public void RuleFileParse_MutatedRulesFiles_ParseOrNameTheFileAndThePlace()
    {
        TextMutation.Of(ValidRules).Sample(json =>
        {
            try
            {
                RuleFile.Parse(json, "fuzz.json").ToAlertRules("fuzz.json");
            }
            catch (ConfigurationException e)
            {
                AssertUserFacing(e.Message);
                Assert.Contains("fuzz.json", e.Message, StringComparison.Ordinal);
            }
        }, iter: Iterations, threads: 1, seed: Seed);
    }

    [Fact]
    public void CsvSampleFileRead_MutatedCsv_ReadsOrNamesTheFileAndLine()
    {
        TextMutation.Of(ValidCsv).Sample(csv =>
        {
            try
            {
                CsvSampleFile.Read(new StringReader(csv), "fuzz.csv");
            }
            catch (SampleFileException e)
            {
                AssertUserFacing(e.Message);
                Assert.Contains("fuzz.csv", e.Message, StringComparison.Ordinal);
                Assert.NotEmpty(e.Problems);
            }
        }, iter: Iterations, threads: 1, seed: Seed);
    }

    [Fact]
    public void CsvSampleFileRead_HugeLine_NamesTheLine()
    {
        var csv = "timestamp,series,value\n2026-01-01T00:00:00Z,cpu," + new string('9', 1_000_000) + "x\n";

        var e = Assert.Throws<SampleFileException>(() => CsvSampleFile.Read(new StringReader(csv), "huge.csv"));

        AssertUserFacing(e.Message);
        Assert.Contains(e.Problems, static p => p.Line == 2);
    }
}
