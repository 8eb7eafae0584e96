using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Configuration;

public sealed class ConfigurationProblemTests
{
    [Fact]
    public void ToString_ValueWithANewline_IsOneLineWithTheEscape()
    {
        var problem = new ConfigurationProblem("RxMonitor:Sqlite:Synchronous", "expected one of Normal, Full, found 'Nor\nmal'");

        Assert.Equal(@"RxMonitor:Sqlite:Synchronous: expected one of Normal, Full, found 'Nor\nmal'", problem.ToString());
    }

    [Fact]
    public void ToString_PlainText_IsUnchanged()
    {
        var problem = new ConfigurationProblem("RxMonitor:Http:Port", "must be within 1..65535, was 0.");

        Assert.Equal("RxMonitor:Http:Port: must be within 1..65535, was 0.", problem.ToString());
    }
}
