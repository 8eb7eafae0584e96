using AlphaTrade.RxMonitor.Cli;

return await RxmonCommandLine.Create().Parse(args).InvokeAsync();
