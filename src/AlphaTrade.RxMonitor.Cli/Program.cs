using System.CommandLine;
using AlphaTrade.RxMonitor.Cli;

// Signals are handled by the commands that run until stopped (rxmon run), so they can stop in order.
return await RxmonCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
