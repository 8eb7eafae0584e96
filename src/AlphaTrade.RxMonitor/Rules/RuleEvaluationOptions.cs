using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>Settings shared by the rules of one pipeline: the default evaluation grid and the allowed lateness.</summary>
/// <remarks>A plain options class; <see cref="Validate"/> lists every problem.</remarks>
public sealed class RuleEvaluationOptions : IValidatableOptions
{
    /// <summary>The evaluation interval of rules that do not set their own (Prometheus <c>evaluation_interval</c>). Default 15 seconds.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long after a grid time <c>T</c> its evaluation runs, on the rule's scheduler: the allowed lateness
    /// of samples, so that every sample stamped at or before <c>T</c> is in. At least one tick; default one tick
    /// (samples are stamped when they enter the serialized pipeline, or replayed in time order).
    /// </summary>
    public TimeSpan EvaluationDelay { get; set; } = TimeSpan.FromTicks(1);

    /// <summary>Where the problems of options given in code are reported (these options have no configuration key): <c>RuleEvaluationOptions:EvaluationDelay</c>.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("RuleEvaluationOptions");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (EvaluationInterval <= TimeSpan.Zero)
        {
            problems.Add(path.Key(nameof(EvaluationInterval)), $"must be positive, was {EvaluationInterval}.");
        }

        if (EvaluationDelay < TimeSpan.FromTicks(1))
        {
            problems.Add(path.Key(nameof(EvaluationDelay)), $"must be at least one tick, was {EvaluationDelay}.");
        }
    }
}
