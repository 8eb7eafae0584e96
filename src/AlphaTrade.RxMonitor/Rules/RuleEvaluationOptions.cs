namespace AlphaTrade.RxMonitor.Rules;

/// <summary>Settings shared by the rules of one pipeline: the default evaluation grid and the allowed lateness.</summary>
/// <remarks>A plain options class; <see cref="Validate"/> lists every problem.</remarks>
public sealed class RuleEvaluationOptions
{
    /// <summary>The evaluation interval of rules that do not set their own (Prometheus <c>evaluation_interval</c>). Default 15 seconds.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long after a grid time <c>T</c> its evaluation runs, on the rule's scheduler: the allowed lateness
    /// of samples, so that every sample stamped at or before <c>T</c> is in. At least one tick; default one tick
    /// (samples are stamped when they enter the serialized pipeline, or replayed in time order).
    /// </summary>
    public TimeSpan EvaluationDelay { get; set; } = TimeSpan.FromTicks(1);

    /// <summary>Every problem with these options, each naming its property; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (EvaluationInterval <= TimeSpan.Zero)
        {
            problems.Add($"EvaluationInterval must be positive, not {EvaluationInterval}.");
        }

        if (EvaluationDelay < TimeSpan.FromTicks(1))
        {
            problems.Add($"EvaluationDelay must be at least one tick, not {EvaluationDelay}.");
        }

        return problems;
    }
}
