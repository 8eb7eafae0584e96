using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The JSON shape of a health report, shared by <c>/health</c> and <c>rxmon health --json</c>.</summary>
internal static class HealthJson
{
    public static object Describe(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            status = Word(report.Status),
            timestamp = report.Timestamp,
            components = report.Components.Select(static c => new
            {
                name = c.Name,
                kind = c.Kind,
                status = Word(c.Status),
                reason = c.Reason,
                data = c.Data,
            }),
        };
    }

    public static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
