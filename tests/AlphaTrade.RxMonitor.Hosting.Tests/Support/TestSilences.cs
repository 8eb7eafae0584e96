using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>Silences for tests, written in one line.</summary>
internal static class TestSilences
{
    /// <summary>A silence with one matcher; <paramref name="id"/> empty for a new one (as the endpoint hands it to a provider).</summary>
    public static Silence Of(string id, LabelMatcher matcher, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string comment) => new()
    {
        Id = id,
        Matchers = [matcher],
        StartsAt = startsAt,
        EndsAt = endsAt,
        CreatedBy = createdBy,
        Comment = comment,
        UpdatedAt = startsAt,
    };
}
