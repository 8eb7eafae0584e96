using System.Threading.Channels;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sinks;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Checks <see cref="AlertingOptions"/> and lists every problem with its JSON path.</summary>
internal static class AlertingOptionsValidator
{
    public const string DefaultReceiver = "default";

    public static List<string> Validate(AlertingOptions options, IEnumerable<string> sinkTypes, string basePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var known = new HashSet<string>(sinkTypes, StringComparer.OrdinalIgnoreCase);
        var receivers = ValidateReceivers(options.Receivers ?? [], known, basePath, errors);
        if (options.Route is null)
        {
            errors.Add($"{basePath}.route: is required.");
        }
        else
        {
            ValidateRoute(options.Route, $"{basePath}.route", isRoot: true, receivers, errors);
        }

        var rules = options.InhibitRules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            ValidateInhibitRule(rules[i], $"{basePath}.inhibitRules[{i}]", errors);
        }

        ValidateFlapping(options.Flapping ?? new FlappingOptions(), $"{basePath}.flapping", errors);
        ValidateDelivery(options.Delivery, $"{basePath}.delivery", errors);
        ValidateHealthAlerts(options.HealthAlerts ?? new HealthAlertOptions(), $"{basePath}.healthAlerts", errors);
        Duration(options.ResolvedRetention, $"{basePath}.resolvedRetention", errors, allowZero: true);
        if (options.ExternalUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add($"{basePath}.externalUrl: '{url}' is not an absolute URL.");
        }

        return errors;
    }

    public static HashSet<string> ReceiverNames(AlertingOptions options) =>
        options.Receivers is { Count: > 0 } list
            ? new HashSet<string>(list.Select(static r => r.Name), StringComparer.Ordinal)
            : new HashSet<string>([DefaultReceiver], StringComparer.Ordinal);

    public static IReadOnlyList<LabelMatcher> ParseMatchers(IReadOnlyList<string>? texts, string path, List<string> errors)
    {
        var matchers = new List<LabelMatcher>();
        if (texts is null)
        {
            return matchers;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"{path}[{i}]: is empty; expected name=value, name!=value, name=~regex or name!~regex.");
            }
            else if (LabelMatcher.TryParse(text, out var matcher, out var error))
            {
                matchers.Add(matcher);
            }
            else
            {
                errors.Add($"{path}[{i}]: {error}");
            }
        }

        return matchers;
    }

    public static TimeSpan? Duration(string? text, string path, List<string> errors, bool allowZero = false)
    {
        if (text is null)
        {
            return null;
        }

        if (!PrometheusDuration.TryParse(text, out var duration))
        {
            errors.Add($"{path}: '{text}' is not a duration (e.g. 30s, 5m, 1h30m).");
            return null;
        }

        if (!allowZero && duration <= TimeSpan.Zero)
        {
            errors.Add($"{path}: must be greater than 0.");
            return null;
        }

        return duration;
    }

    public static void ValidateDelivery(SinkDeliveryOptions? delivery, string path, List<string> errors)
    {
        if (delivery is null)
        {
            return;
        }

        if (delivery.Capacity is < 1)
        {
            errors.Add($"{path}.capacity: must be at least 1.");
        }

        if (delivery.FullMode is { } mode && (mode == BoundedChannelFullMode.Wait || !Enum.IsDefined(mode)))
        {
            errors.Add($"{path}.fullMode: '{mode}' is not allowed; use DropOldest, DropNewest or DropWrite (Wait would block the alert manager).");
        }

        if (delivery.MaxRetries is < 0)
        {
            errors.Add($"{path}.maxRetries: must not be negative.");
        }

        if (delivery.BreakerFailureThreshold is < 1)
        {
            errors.Add($"{path}.breakerFailureThreshold: must be at least 1.");
        }

        Duration(delivery.BaseDelay, $"{path}.baseDelay", errors);
        Duration(delivery.MaxDelay, $"{path}.maxDelay", errors);
        Duration(delivery.Timeout, $"{path}.timeout", errors);
        Duration(delivery.BreakDuration, $"{path}.breakDuration", errors);
    }

    private static HashSet<string> ValidateReceivers(List<ReceiverOptions> receivers, HashSet<string> sinkTypes, string basePath, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (receivers.Count == 0)
        {
            names.Add(DefaultReceiver);
        }

        for (var i = 0; i < receivers.Count; i++)
        {
            var path = $"{basePath}.receivers[{i}]";
            var receiver = receivers[i];
            if (string.IsNullOrWhiteSpace(receiver.Name))
            {
                errors.Add($"{path}.name: is required.");
            }
            else if (!names.Add(receiver.Name))
            {
                errors.Add($"{path}.name: '{receiver.Name}' is defined more than once.");
            }

            var sinks = receiver.Sinks ?? [];
            for (var j = 0; j < sinks.Count; j++)
            {
                ValidateSink(sinks[j], $"{path}.sinks[{j}]", sinkTypes, errors);
            }
        }

        return names;
    }

    private static void ValidateSink(SinkOptions sink, string path, HashSet<string> sinkTypes, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(sink.Type))
        {
            errors.Add($"{path}.type: is required (one of {string.Join(", ", sinkTypes.Order(StringComparer.Ordinal))}).");
        }
        else if (!sinkTypes.Contains(sink.Type))
        {
            errors.Add($"{path}.type: unknown sink type '{sink.Type}' (known: {string.Join(", ", sinkTypes.Order(StringComparer.Ordinal))}).");
        }

        var needsUrl = string.Equals(sink.Type, AlertSinkRegistry.WebhookType, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(sink.Type, AlertSinkRegistry.AlertmanagerType, StringComparison.OrdinalIgnoreCase);
        if (needsUrl && string.IsNullOrWhiteSpace(sink.Url))
        {
            errors.Add($"{path}.url: is required for a {sink.Type} sink.");
        }
        else if (sink.Url is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{path}.url: '{url}' is not an absolute http(s) URL.");
        }

        Duration(sink.ResendInterval, $"{path}.resendInterval", errors);
        ValidateDelivery(sink.Delivery, $"{path}.delivery", errors);
    }

    private static void ValidateRoute(RouteOptions route, string path, bool isRoot, HashSet<string> receivers, List<string> errors)
    {
        var receiver = route.Receiver ?? (isRoot ? DefaultReceiver : null);
        if (receiver is not null && !receivers.Contains(receiver))
        {
            errors.Add($"{path}.receiver: unknown receiver '{receiver}' (defined: {string.Join(", ", receivers.Order(StringComparer.Ordinal))}).");
        }

        if (isRoot && route.Matchers is { Count: > 0 })
        {
            errors.Add($"{path}.matchers: the root route matches every alert and takes no matchers.");
        }

        if (isRoot && route.Continue)
        {
            errors.Add($"{path}.continue: the root route cannot continue.");
        }

        ParseMatchers(route.Matchers, $"{path}.matchers", errors);
        var groupBy = route.GroupBy ?? [];
        for (var i = 0; i < groupBy.Count; i++)
        {
            var label = groupBy[i];
            if (label == "..." && groupBy.Count > 1)
            {
                errors.Add($"{path}.groupBy[{i}]: '...' (group by every label) cannot be combined with other labels.");
            }
            else if (label != "..." && !MetricNames.IsValidLabelName(label))
            {
                errors.Add($"{path}.groupBy[{i}]: '{label}' is not a valid label name.");
            }
        }

        Duration(route.GroupWait, $"{path}.groupWait", errors, allowZero: true);
        Duration(route.GroupInterval, $"{path}.groupInterval", errors);
        Duration(route.RepeatInterval, $"{path}.repeatInterval", errors);
        var children = route.Routes ?? [];
        for (var i = 0; i < children.Count; i++)
        {
            ValidateRoute(children[i], $"{path}.routes[{i}]", isRoot: false, receivers, errors);
        }
    }

    private static void ValidateInhibitRule(InhibitRuleOptions rule, string path, List<string> errors)
    {
        if (rule.SourceMatchers is not { Count: > 0 })
        {
            errors.Add($"{path}.sourceMatchers: at least one matcher is required.");
        }

        if (rule.TargetMatchers is not { Count: > 0 })
        {
            errors.Add($"{path}.targetMatchers: at least one matcher is required.");
        }

        ParseMatchers(rule.SourceMatchers, $"{path}.sourceMatchers", errors);
        ParseMatchers(rule.TargetMatchers, $"{path}.targetMatchers", errors);
        var equal = rule.Equal ?? [];
        for (var i = 0; i < equal.Count; i++)
        {
            if (!MetricNames.IsValidLabelName(equal[i]))
            {
                errors.Add($"{path}.equal[{i}]: '{equal[i]}' is not a valid label name.");
            }
        }
    }

    private static void ValidateFlapping(FlappingOptions flapping, string path, List<string> errors)
    {
        if (flapping.History < 3)
        {
            errors.Add($"{path}.history: must be at least 3.");
        }

        if (flapping.Low is < 0 or > 1 || double.IsNaN(flapping.Low))
        {
            errors.Add($"{path}.low: must be between 0 and 1.");
        }

        if (flapping.High is < 0 or > 1 || double.IsNaN(flapping.High))
        {
            errors.Add($"{path}.high: must be between 0 and 1.");
        }
        else if (flapping.High < flapping.Low)
        {
            errors.Add($"{path}.high: must not be below low ({flapping.Low}).");
        }

        Duration(flapping.EvaluationInterval, $"{path}.evaluationInterval", errors);
        if (flapping.EvaluationInterval is null)
        {
            errors.Add($"{path}.evaluationInterval: is required.");
        }
    }

    private static void ValidateHealthAlerts(HealthAlertOptions health, string path, List<string> errors)
    {
        NonNegative(health.ConnectionPoolUsagePercent, $"{path}.connectionPoolUsagePercent", errors);
        NonNegative(health.AverageQueryTimeMs, $"{path}.averageQueryTimeMs", errors);
        NonNegative(health.FailedQueries, $"{path}.failedQueries", errors);
        NonNegative(health.CpuUsagePercent, $"{path}.cpuUsagePercent", errors);
        NonNegative(health.MemoryUsagePercent, $"{path}.memoryUsagePercent", errors);
        NonNegative(health.DiskUsagePercent, $"{path}.diskUsagePercent", errors);
        NonNegative(health.DataFreshnessAgeSeconds, $"{path}.dataFreshnessAgeSeconds", errors);
    }

    private static void NonNegative(double value, string path, List<string> errors)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add($"{path}: must be a finite number of at least 0 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
    }
}
