using System.Threading.Channels;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;
namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Checks <see cref="AlertingOptions"/> and lists every problem at the key the user typed.</summary>
internal static class AlertingOptionsValidator
{
    public const string DefaultReceiver = "default";

    public static void Validate(AlertingOptions options, AlertSinkRegistry sinkTypes, KeyPath basePath, ICollection<ConfigurationProblem> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        basePath = basePath.Of(options);
        var receivers = ValidateReceivers(options.Receivers ?? [], sinkTypes, basePath, errors);
        if (options.Route is null)
        {
            errors.Add(basePath.Key("Route"), $"is required.");
        }
        else
        {
            ValidateRoute(options.Route, basePath.Key("Route"), isRoot: true, receivers, errors);
        }

        var rules = options.InhibitRules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is null)
            {
                continue;
            }

            ValidateInhibitRule(rules[i], basePath.Key("InhibitRules").Index(i), errors);
        }

        ValidateFlapping(options.Flapping ?? new FlappingOptions(), basePath.Key("Flapping"), errors);
        ValidateDelivery(options.Delivery, basePath.Key("Delivery"), errors);
        ValidateHealthAlerts(options.HealthAlerts ?? new HealthAlertOptions(), basePath.Key("HealthAlerts"), errors);
        Duration(options.ResolvedRetention, basePath.Key("ResolvedRetention"), errors, allowZero: true);
        if (options.ExternalUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add(basePath.Key("ExternalUrl"), $"'{url}' is not an absolute URL.");
        }
    }

    public static HashSet<string> ReceiverNames(AlertingOptions options) =>
        options.Receivers is { Count: > 0 } list
            ? new HashSet<string>(list.Select(static r => r.Name), StringComparer.Ordinal)
            : new HashSet<string>([DefaultReceiver], StringComparer.Ordinal);

    public static IReadOnlyList<LabelMatcher> ParseMatchers(IReadOnlyList<string>? texts, KeyPath path, ICollection<ConfigurationProblem> errors)
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
                errors.Add(path.Index(i), $"is empty; expected name=value, name!=value, name=~regex or name!~regex.");
            }
            else if (LabelMatcher.TryParse(text, out var matcher, out var error))
            {
                matchers.Add(matcher);
            }
            else
            {
                errors.Add(path.Index(i), error);
            }
        }

        return matchers;
    }

    public static TimeSpan? Duration(string? text, KeyPath path, ICollection<ConfigurationProblem> errors, bool allowZero = false)
    {
        if (text is null || ConfigurationDuration.Parse(text, path, errors) is not { } duration)
        {
            return null;
        }

        if (!allowZero && duration <= TimeSpan.Zero)
        {
            errors.Add(path, "must be greater than 0.");
            return null;
        }

        return duration;
    }

    public static void ValidateDelivery(SinkDeliveryOptions? delivery, KeyPath path, ICollection<ConfigurationProblem> errors)
    {
        if (delivery is null)
        {
            return;
        }

        path = path.Of(delivery);

        if (delivery.Capacity is < 1)
        {
            errors.Add(path.Key("Capacity"), $"must be at least 1.");
        }

        if (delivery.FullMode is { } mode && (mode == BoundedChannelFullMode.Wait || !Enum.IsDefined(mode)))
        {
            errors.Add(path.Key("FullMode"), $"'{mode}' is not allowed; use DropOldest, DropNewest or DropWrite (Wait would block the alert manager).");
        }

        if (delivery.MaxRetries is < 0)
        {
            errors.Add(path.Key("MaxRetries"), $"must not be negative.");
        }

        if (delivery.BreakerFailureThreshold is < 1)
        {
            errors.Add(path.Key("BreakerFailureThreshold"), $"must be at least 1.");
        }

        Duration(delivery.BaseDelay, path.Key("BaseDelay"), errors);
        Duration(delivery.MaxDelay, path.Key("MaxDelay"), errors);
        Duration(delivery.Timeout, path.Key("Timeout"), errors);
        Duration(delivery.BreakDuration, path.Key("BreakDuration"), errors);
    }

    private static HashSet<string> ValidateReceivers(List<ReceiverOptions> receivers, AlertSinkRegistry sinkTypes, KeyPath basePath, ICollection<ConfigurationProblem> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (receivers.Count == 0)
        {
            names.Add(DefaultReceiver);
        }

        for (var i = 0; i < receivers.Count; i++)
        {
            var receiver = receivers[i];
            if (receiver is null)
            {
                continue;
            }

            var path = basePath.Key("Receivers").Index(i).Of(receiver);
            if (string.IsNullOrWhiteSpace(receiver.Name))
            {
                errors.Add(path.Key("Name"), $"is required.");
            }
            else if (!names.Add(receiver.Name))
            {
                errors.Add(path.Key("Name"), $"'{receiver.Name}' is defined more than once.");
            }

            var sinks = receiver.Sinks ?? [];
            for (var j = 0; j < sinks.Count; j++)
            {
                if (sinks[j] is { } sink)
                {
                    ValidateSink(sink, path.Key("Sinks").Index(j), sinkTypes, errors);
                }
            }
        }

        return names;
    }

    private static void ValidateSink(SinkOptions sink, KeyPath at, AlertSinkRegistry sinkTypes, ICollection<ConfigurationProblem> errors)
    {
        var path = at.Of(sink);
        var known = string.Join(", ", sinkTypes.Types.Order(StringComparer.Ordinal));
        if (string.IsNullOrWhiteSpace(sink.Type))
        {
            errors.Add(path.Key("Type"), $"is required (one of {known}).");
        }
        else if (!sinkTypes.Types.Contains(sink.Type, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(path.Key("Type"), $"unknown sink type '{sink.Type}' (known: {known}).");
        }
        else
        {
            sinkTypes.Bind(sink, at, errors);
        }

        ValidateDelivery(sink.Delivery, path.Key("Delivery"), errors);
    }

    private static void ValidateRoute(RouteOptions route, KeyPath path, bool isRoot, HashSet<string> receivers, ICollection<ConfigurationProblem> errors)
    {
        path = path.Of(route);
        var receiver = route.Receiver ?? (isRoot ? DefaultReceiver : null);
        if (receiver is not null && !receivers.Contains(receiver))
        {
            errors.Add(path.Key("Receiver"), $"unknown receiver '{receiver}' (defined: {string.Join(", ", receivers.Order(StringComparer.Ordinal))}).");
        }

        if (isRoot && route.Matchers is { Count: > 0 })
        {
            errors.Add(path.Key("Matchers"), $"the root route matches every alert and takes no matchers.");
        }

        if (isRoot && route.Continue)
        {
            errors.Add(path.Key("Continue"), $"the root route cannot continue.");
        }

        ParseMatchers(route.Matchers, path.Key("Matchers"), errors);
        var groupBy = route.GroupBy ?? [];
        for (var i = 0; i < groupBy.Count; i++)
        {
            var label = groupBy[i];
            if (label == "..." && groupBy.Count > 1)
            {
                errors.Add(path.Key("GroupBy").Index(i), $"'...' (group by every label) cannot be combined with other labels.");
            }
            else if (label != "..." && !MetricNames.IsValidLabelName(label))
            {
                errors.Add(path.Key("GroupBy").Index(i), $"'{label}' is not a valid label name.");
            }
        }

        Duration(route.GroupWait, path.Key("GroupWait"), errors, allowZero: true);
        Duration(route.GroupInterval, path.Key("GroupInterval"), errors);
        Duration(route.RepeatInterval, path.Key("RepeatInterval"), errors);
        var children = route.Routes ?? [];
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is null)
            {
                continue;
            }

            ValidateRoute(children[i], path.Key("Routes").Index(i), isRoot: false, receivers, errors);
        }
    }

    private static void ValidateInhibitRule(InhibitRuleOptions rule, KeyPath path, ICollection<ConfigurationProblem> errors)
    {
        path = path.Of(rule);
        if (rule.SourceMatchers is not { Count: > 0 })
        {
            errors.Add(path.Key("SourceMatchers"), $"at least one matcher is required.");
        }

        if (rule.TargetMatchers is not { Count: > 0 })
        {
            errors.Add(path.Key("TargetMatchers"), $"at least one matcher is required.");
        }

        ParseMatchers(rule.SourceMatchers, path.Key("SourceMatchers"), errors);
        ParseMatchers(rule.TargetMatchers, path.Key("TargetMatchers"), errors);
        var equal = rule.Equal ?? [];
        for (var i = 0; i < equal.Count; i++)
        {
            if (!MetricNames.IsValidLabelName(equal[i]))
            {
                errors.Add(path.Key("Equal").Index(i), $"'{equal[i]}' is not a valid label name.");
            }
        }
    }

    private static void ValidateFlapping(FlappingOptions flapping, KeyPath path, ICollection<ConfigurationProblem> errors)
    {
        path = path.Of(flapping);
        if (flapping.History < 3)
        {
            errors.Add(path.Key("History"), $"must be at least 3.");
        }

        if (flapping.Low is < 0 or > 1 || double.IsNaN(flapping.Low))
        {
            errors.Add(path.Key("Low"), $"must be between 0 and 1.");
        }

        if (flapping.High is < 0 or > 1 || double.IsNaN(flapping.High))
        {
            errors.Add(path.Key("High"), $"must be between 0 and 1.");
        }
        else if (flapping.High < flapping.Low)
        {
            errors.Add(path.Key("High"), $"must not be below low ({flapping.Low}).");
        }

        Duration(flapping.EvaluationInterval, path.Key("EvaluationInterval"), errors);
        if (flapping.EvaluationInterval is null)
        {
            errors.Add(path.Key("EvaluationInterval"), $"is required.");
        }
    }

    private static void ValidateHealthAlerts(HealthAlertOptions health, KeyPath path, ICollection<ConfigurationProblem> errors)
    {
        path = path.Of(health);
        NonNegative(health.ConnectionPoolUsagePercent, path.Key("ConnectionPoolUsagePercent"), errors);
        NonNegative(health.AverageQueryTimeMs, path.Key("AverageQueryTimeMs"), errors);
        NonNegative(health.FailedQueries, path.Key("FailedQueries"), errors);
        NonNegative(health.CpuUsagePercent, path.Key("CpuUsagePercent"), errors);
        NonNegative(health.MemoryUsagePercent, path.Key("MemoryUsagePercent"), errors);
        NonNegative(health.DiskUsagePercent, path.Key("DiskUsagePercent"), errors);
        NonNegative(health.DataFreshnessAgeSeconds, path.Key("DataFreshnessAgeSeconds"), errors);
    }

    private static void NonNegative(double value, KeyPath path, ICollection<ConfigurationProblem> errors)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add(path, $"must be a finite number of at least 0 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
    }
}
