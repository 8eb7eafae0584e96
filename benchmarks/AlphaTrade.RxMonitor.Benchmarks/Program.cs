using AlphaTrade.RxMonitor.Benchmarks.Soak;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "soak")
{
    return SoakRun.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
