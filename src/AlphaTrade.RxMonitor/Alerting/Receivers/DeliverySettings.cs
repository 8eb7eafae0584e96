using System.Threading.Channels;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>Resolved delivery settings of one sink (options merged over defaults).</summary>
internal sealed record DeliverySettings(
    int Capacity,
    BoundedChannelFullMode FullMode,
    int MaxRetries,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    TimeSpan Timeout,
    int BreakerFailureThreshold,
    TimeSpan BreakDuration)
{
    public static DeliverySettings Default { get; } = new(
        1000, BoundedChannelFullMode.DropOldest, 3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(30));

    /// <summary>Merges <paramref name="options"/> (already validated) over <paramref name="fallback"/>.</summary>
    public static DeliverySettings Resolve(SinkDeliveryOptions? options, DeliverySettings fallback)
    {
        if (options is null)
        {
            return fallback;
        }

        return new DeliverySettings(
            options.Capacity ?? fallback.Capacity,
            options.FullMode ?? fallback.FullMode,
            options.MaxRetries ?? fallback.MaxRetries,
            Parse(options.BaseDelay) ?? fallback.BaseDelay,
            Parse(options.MaxDelay) ?? fallback.MaxDelay,
            Parse(options.Timeout) ?? fallback.Timeout,
            options.BreakerFailureThreshold ?? fallback.BreakerFailureThreshold,
            Parse(options.BreakDuration) ?? fallback.BreakDuration);
    }

    /// <summary>Checks options given in code, throwing with every problem.</summary>
    public static DeliverySettings FromOptions(SinkDeliveryOptions? options, DeliverySettings fallback)
    {
        var errors = new List<ConfigurationProblem>();
        AlertingOptionsValidator.ValidateDelivery(options, KeyPath.Section("Delivery"), errors);
        ConfigurationException.ThrowIfAny(null, errors);
        return Resolve(options, fallback);
    }

    private static TimeSpan? Parse(string? text) => text is not null && ConfigurationDuration.TryParse(text, out var d) ? d : null;
}
