namespace AlphaTrade.RxMonitor.Benchmarks.Soak;

/// <summary>One reading of the soak run: minutes since the start and the memory figures in MB.</summary>
internal readonly record struct SoakPoint(double Minutes, double WorkingSetMb, double HeapMb, double GcCommittedMb, double SqliteHeapMb, double StoreMb);
