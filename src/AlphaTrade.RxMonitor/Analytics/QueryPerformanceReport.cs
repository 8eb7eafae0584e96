namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>Query performance per normalized statement, and the slowest statements.</summary>
/// <param name="From">Start of the period covered; <see langword="null"/> for live figures (since each instrumentation started).</param>
/// <param name="To">End of the period covered.</param>
/// <param name="Statements">Every statement, by total time spent, highest first.</param>
/// <param name="Slowest">The top-N statements by mean duration (p99 breaks ties), slowest first.</param>
public sealed record QueryPerformanceReport(
    DateTimeOffset? From,
    DateTimeOffset To,
    IReadOnlyList<StatementPerformance> Statements,
    IReadOnlyList<StatementPerformance> Slowest);
