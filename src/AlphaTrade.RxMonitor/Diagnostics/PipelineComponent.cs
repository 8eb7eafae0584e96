namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>The kind of pipeline component a failure happened in.</summary>
public enum PipelineComponent
{
    /// <summary>A metric source.</summary>
    Source = 0,

    /// <summary>The ingest hand-off.</summary>
    Ingest = 1,

    /// <summary>A rule or its detector.</summary>
    Rule = 2,

    /// <summary>The alert manager.</summary>
    AlertManager = 3,

    /// <summary>An alert sink.</summary>
    Sink = 4,

    /// <summary>The store.</summary>
    Store = 5,

    /// <summary>A health check.</summary>
    Health = 6,
}
