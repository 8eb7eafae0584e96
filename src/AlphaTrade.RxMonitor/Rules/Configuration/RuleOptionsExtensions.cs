using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>Turns configured rules into runnable <see cref="AlertRule"/>s with their detectors.</summary>
/// <remarks>
/// Validates first and throws <see cref="RuleConfigurationException"/> with every problem, so a rule set either
/// maps completely or not at all. The detector's condition takes the rule's severity (or the threshold's levels);
/// the rule's staleness period is both the lookback of a threshold and the rule's stale-after period.
/// </remarks>
public static class RuleOptionsExtensions
{
    // A rule's definition (what a reload compares) is its configuration as compact JSON.
    private static readonly JsonSerializerOptions DefinitionFormat = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Builds the rules of <paramref name="options"/>.</summary>
    /// <param name="options">The rule set.</param>
    /// <param name="source">The file name or configuration section named in errors.</param>
    /// <returns>The rules, in order.</returns>
    /// <exception cref="RuleConfigurationException">The rule set is invalid.</exception>
    public static IReadOnlyList<AlertRule> ToAlertRules(this RuleSetOptions options, string source = "rules")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new RuleConfigurationException(source, problems);
        }

        return [.. options.Rules.Select((rule, i) => Build(rule, $"rules[{i}]", source))];
    }

    /// <summary>The evaluation settings of <paramref name="options"/>: its default evaluation interval (15s unless set).</summary>
    /// <param name="options">The rule set.</param>
    /// <returns>The settings for <see cref="RuleObservableExtensions.EvaluateRules(IObservable{MetricSample}, IEnumerable{AlertRule}, System.Reactive.Concurrency.IScheduler, Diagnostics.IFailureListener?, RuleEvaluationOptions?)"/>.</returns>
    public static RuleEvaluationOptions ToEvaluationOptions(this RuleSetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleEvaluationOptions
        {
            EvaluationInterval = PrometheusDuration.Parse(options.EvaluationInterval ?? RuleSetOptions.DefaultEvaluationInterval),
        };
    }

    /// <summary>Builds one rule.</summary>
    /// <param name="options">The rule.</param>
    /// <param name="path">The rule's path, named in errors, e.g. <c>rules[2]</c>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="RuleConfigurationException">The rule is invalid.</exception>
    public static AlertRule ToAlertRule(this RuleOptions options, string path = "rule")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<string>();
        options.Validate(path, problems);
        if (problems.Count > 0)
        {
            throw new RuleConfigurationException(path, problems);
        }

        return Build(options, path, path);
    }

    private static AlertRule Build(RuleOptions options, string path, string source)
    {
        var selector = SeriesSelector.Parse(options.Series!);
        var severity = options.Severity is { } s ? RuleOptions.ParseSeverity(s)!.Value : Severity.Warning;
        var staleAfter = Duration(options.Staleness?.After) ?? TimeSpan.FromMinutes(5);
        try
        {
            var detector = CreateDetector(options, selector, severity, staleAfter);
            return new AlertRule(options.Name!, selector, detector)
            {
                Definition = JsonSerializer.Serialize(options, DefinitionFormat),
                For = Duration(options.For) ?? TimeSpan.Zero,
                KeepFiringFor = Duration(options.KeepFiringFor) ?? TimeSpan.Zero,
                Severity = severity,
                Labels = options.Labels is { } labels ? LabelSet.Create(labels) : LabelSet.Empty,
                Annotations = options.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : new Dictionary<string, string>(),
                EvaluationInterval = Duration(options.EvaluationInterval),
                StaleAfter = staleAfter,
                StalenessPolicy = options.Staleness?.Policy?.ToUpperInvariant() switch
                {
                    "KEEP" => StalenessPolicy.Keep,
                    "NODATA" => StalenessPolicy.NoData,
                    _ => StalenessPolicy.Resolve,
                },
            };
        }
        catch (ArgumentException e)
        {
            // What validation cannot see (e.g. an annotation template that does not parse) is still a configuration problem.
            throw new RuleConfigurationException(source, [.. e.Message.Split(Environment.NewLine).Select(line => $"{path}: {StripParameter(line)}")]);
        }
    }

    private static IDetector CreateDetector(RuleOptions options, SeriesSelector selector, Severity severity, TimeSpan staleAfter)
    {
        if (options.Threshold is { } threshold)
        {
            return new ThresholdDetector(ThresholdConditionOf(threshold, severity), staleAfter);
        }

        if (options.Rate is { } rate)
        {
            var window = Duration(rate.Window)!.Value;
            var condition = Single(rate, severity);
            return rate.Function!.ToUpperInvariant() switch
            {
                "RATE" => new RangeFunctionDetector(RangeFunction.Rate, window, condition),
                "INCREASE" => new RangeFunctionDetector(RangeFunction.Increase, window, condition),
                "DELTA" => new RangeFunctionDetector(RangeFunction.Delta, window, condition),
                "DERIV" => new RangeFunctionDetector(RangeFunction.Deriv, window, condition),
                _ => new PercentChangeDetector(window, condition, staleAfter),
            };
        }

        if (options.Trend is { } trend)
        {
            var window = Duration(trend.Window)!.Value;
            return string.Equals(trend.Function, "slope", StringComparison.OrdinalIgnoreCase)
                ? new TrendSlopeDetector(window, Single(trend, severity))
                : new TrendDetector(window, Duration(trend.Horizon)!.Value, Single(trend, severity));
        }

        if (options.Aggregate is { } aggregate)
        {
            var function = aggregate.Function!.ToUpperInvariant() switch
            {
                "AVG_OVER_TIME" => OverTimeFunction.Avg,
                "MIN_OVER_TIME" => OverTimeFunction.Min,
                "MAX_OVER_TIME" => OverTimeFunction.Max,
                "SUM_OVER_TIME" => OverTimeFunction.Sum,
                "COUNT_OVER_TIME" => OverTimeFunction.Count,
                "STDDEV_OVER_TIME" => OverTimeFunction.StdDev,
                "QUANTILE_OVER_TIME" => OverTimeFunction.Quantile,
                _ => OverTimeFunction.Last,
            };
            return new OverTimeDetector(function, Duration(aggregate.Window)!.Value, Single(aggregate, severity), aggregate.Quantile ?? double.NaN);
        }

        if (options.Absent is { } absent)
        {
            return new AbsentDetector(selector, Duration(absent.For)!.Value, severity);
        }

        if (options.Baseline is { } baseline)
        {
            return new BaselineDetector(baseline.Deviations!.Value, baseline.MinWeeks ?? 2, severity, staleAfter);
        }

        if (options.Anomaly is { } anomaly)
        {
            return new AnomalyDetector(
                ThresholdConditionOf(anomaly.AsThreshold(), severity), anomaly.WarmupSamples ?? AnomalyDetector.DefaultWarmupSamples, staleAfter);
        }

        var windowOptions = options.Window!;
        var aggregation = windowOptions.Aggregate!.ToUpperInvariant() switch
        {
            "COUNT" => WindowAggregation.Count,
            "SUM" => WindowAggregation.Sum,
            "MEAN" => WindowAggregation.Mean,
            "MIN" => WindowAggregation.Min,
            "MAX" => WindowAggregation.Max,
            "LAST" => WindowAggregation.Last,
            "STDDEV" => WindowAggregation.StdDev,
            _ => WindowAggregation.Quantile,
        };
        return new WindowAggregateDetector(
            Duration(windowOptions.Size)!.Value, aggregation, Single(windowOptions, severity), windowOptions.Quantile ?? double.NaN, staleAfter);
    }

    private static ThresholdCondition ThresholdConditionOf(ThresholdOptions threshold, Severity severity)
    {
        var consecutive = threshold.Consecutive ?? 1;
        if (threshold.Levels is not { } levels)
        {
            var (limit, isAbove) = threshold.Limit;
            return isAbove
                ? ThresholdCondition.Above(limit, severity, threshold.Recovery, consecutive)
                : ThresholdCondition.Below(limit, severity, threshold.Recovery, consecutive);
        }

        var direction = levels[0].Above is not null ? ThresholdDirection.Above : ThresholdDirection.Below;
        return new ThresholdCondition(
            direction,
            levels.Select(static l => new ThresholdLevel(RuleOptions.ParseSeverity(l.Severity!)!.Value, l.Limit.Limit, l.Recovery)),
            consecutive);
    }

    private static ThresholdCondition Single(ConditionOptions options, Severity severity)
    {
        var (limit, isAbove) = options.Limit;
        return isAbove ? ThresholdCondition.Above(limit, severity) : ThresholdCondition.Below(limit, severity);
    }

    private static TimeSpan? Duration(string? text) => text is null ? null : PrometheusDuration.Parse(text);

    private static string StripParameter(string message)
    {
        var end = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
