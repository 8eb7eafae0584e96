namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Kapacitor-style flap detection: the weighted share of state changes over the last <see cref="History"/> evaluations.</summary>
/// <remarks>
/// Each alert keeps its last <see cref="History"/> levels (inactive, or firing at a severity). An evaluation is
/// every event of the alert, plus one per <see cref="EvaluationInterval"/> of quiet (the level held). Changes are
/// weighted from 0.8 (oldest) to 1.2 (newest) and divided by <c>History - 1</c>. An alert starts flapping when the
/// share rises above <see cref="High"/> and stops when it falls below <see cref="Low"/> (defaults are Nagios's
/// 20% / 5%).
/// </remarks>
public sealed class FlappingOptions
{
    /// <summary>Whether flap detection runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many evaluations are kept (default 21, at least 3).</summary>
    public int History { get; set; } = 21;

    /// <summary>Below this share a flapping alert settles (default 0.05).</summary>
    public double Low { get; set; } = 0.05;

    /// <summary>Above this share an alert starts flapping (default 0.20).</summary>
    public double High { get; set; } = 0.20;

    /// <summary>The evaluation period that quiet time counts in (default <c>1m</c>).</summary>
    public string EvaluationInterval { get; set; } = "1m";
}
