namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>A failure the pipeline isolated and went on from.</summary>
/// <param name="Component">The kind of component that failed.</param>
/// <param name="Name">The component's name (source, rule or sink name).</param>
/// <param name="Message">What happened and what the pipeline did about it (retried, dropped, faulted).</param>
/// <param name="Exception">The exception, when there was one.</param>
/// <param name="Timestamp">When it happened, on the pipeline's clock.</param>
public sealed record PipelineFailure(
    PipelineComponent Component,
    string Name,
    string Message,
    Exception? Exception,
    DateTimeOffset Timestamp);
