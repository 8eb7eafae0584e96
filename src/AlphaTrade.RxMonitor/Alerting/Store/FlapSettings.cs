using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Alerting.Store;

/// <summary>Resolved flap-detection settings.</summary>
internal sealed record FlapSettings(bool Enabled, int History, double Low, double High, TimeSpan Interval)
{
    public static FlapSettings From(FlappingOptions options) => new(
        options.Enabled,
        options.History,
        options.Low,
        options.High,
        ConfigurationDuration.TryParse(options.EvaluationInterval, out var interval) ? interval : TimeSpan.FromMinutes(1));
}
