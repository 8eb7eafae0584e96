using System.CommandLine;
using AlphaTrade.RxMonitor.Cli.Inspect;
using AlphaTrade.RxMonitor.Cli.Replay;
using AlphaTrade.RxMonitor.Cli.Run;

namespace AlphaTrade.RxMonitor.Cli;

/// <summary>Builds the <c>rxmon</c> command tree.</summary>
internal static class RxmonCommandLine
{
    /// <summary>Creates the root command with every subcommand wired in.</summary>
    /// <returns>The root command; parse and invoke it with the process arguments.</returns>
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "rxmon - reactive monitoring and alerting for trading systems. " +
            "Monitors this machine, evaluates alert rules over metric streams, and records alert history.");
        root.Add(RunCommand.Create());
        root.Add(HealthCommand.Create());
        root.Add(MetricsCommand.Create());
        root.Add(AlertsCommand.Create());
        root.Add(CheckCommand.Create());
        root.Add(ReplayCommand.Create());
        return root;
    }
}
