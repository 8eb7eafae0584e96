namespace AlphaTrade.RxMonitor.Health;

/// <summary>
/// The pipeline's own figures for health: implemented by the pipeline parts (ingest, rules, sinks) and read by
/// <see cref="PipelineHealth"/>.
/// </summary>
/// <remarks>Called on the health monitor's thread; implementations return a consistent snapshot quickly and are thread-safe.</remarks>
public interface IPipelineHealth
{
    /// <summary>The pipeline's figures now.</summary>
    /// <returns>A snapshot.</returns>
    PipelineHealthFigures GetFigures();
}
