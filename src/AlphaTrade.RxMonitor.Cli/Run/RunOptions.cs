namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>How <c>rxmon run</c> runs: how long, where it logs (and whether Debug detail too), and whether it draws the live view.</summary>
internal sealed record RunOptions(TimeSpan? Duration, string? LogFile, bool LiveView, TimeSpan Refresh, bool Verbose = false);
