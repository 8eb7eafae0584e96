using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>A silence: alerts matching every matcher between <see cref="StartsAt"/> and <see cref="EndsAt"/> are not notified.</summary>
/// <remarks>
/// Alertmanager semantics: all matchers must match; silenced alerts are still tracked and recorded.
/// Expiring a silence sets <see cref="EndsAt"/> to the expiry time. Immutable; a change makes a new version
/// with the same <see cref="Id"/> and a later <see cref="UpdatedAt"/>.
/// </remarks>
public sealed record Silence
{
    /// <summary>The silence's id.</summary>
    public required string Id { get; init; }

    /// <summary>The matchers; at least one, and not all of them may match the empty string.</summary>
    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    /// <summary>When the silence starts.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When the silence ends (exclusive).</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Why.</summary>
    public required string Comment { get; init; }

    /// <summary>When this version was written.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The silence's state at <paramref name="now"/>.</summary>
    /// <param name="now">The point in time.</param>
    /// <returns>Pending before <see cref="StartsAt"/>, Expired from <see cref="EndsAt"/> on, Active between.</returns>
    public SilenceState StateAt(DateTimeOffset now) =>
        now < StartsAt ? SilenceState.Pending : now >= EndsAt ? SilenceState.Expired : SilenceState.Active;

    /// <summary>Whether every matcher matches <paramref name="labels"/>.</summary>
    /// <param name="labels">The alert's matching labels.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool Matches(Metrics.LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }
}
