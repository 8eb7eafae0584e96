using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>Turns configured rules into runnable <see cref="AlertRule"/>s with their detectors.</summary>
/// <remarks>
/// Validates first and throws <see cref="ConfigurationException"/> with every problem, so a rule set either
/// maps completely or not at all. The detector's condition takes the rule's severity (or the threshold's levels);
/// the rule's staleness period is both the lookback of a threshold and the rule's stale-after period.
/// </remarks>
public static class RuleOptionsExtensions
{
    // A rule's definition (what a reload compares) is its configuration as compact JSON.
    private static readonly JsonSerializerOptions DefinitionFormat = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Builds the rules of <paramref name="options"/>.</summary>
    /// <param name="options">The rule set.</param>
    /// <param name="source">The file name named in errors, or null when the paths say where.</param>
    /// <param name="path">The path holding the rules (default: a rules file, <c>rules[i]</c>; the <c>RxMonitor</c> section gives <c>RxMonitor:Rules:i</c>).</param>
    /// <returns>The rules, in order.</returns>
    /// <exception cref="ConfigurationException">The rule set is invalid.</exception>
    public static IReadOnlyList<AlertRule> ToAlertRules(this RuleSetOptions options, string? source = null, KeyPath? path = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        path ??= KeyPath.File;
        ConfigurationException.ThrowIfAny(source, options.Problems(path));
        var rules = path.Of(options).Key(nameof(RuleSetOptions.Rules));
        return [.. options.Rules.Select((rule, i) => Build(rule, rules.Index(i), source))];
    }

    /// <summary>The evaluation settings of <paramref name="options"/>: its default evaluation interval (15s unless set).</summary>
    /// <param name="options">The rule set.</param>
    /// <returns>The settings for <see cref="RuleObservableExtensions.EvaluateRules(IObservable{MetricSample}, IEnumerable{AlertRule}, System.Reactive.Concurrency.IScheduler, Diagnostics.IFailureListener?, RuleEvaluationOptions?)"/>.</returns>
    public static RuleEvaluationOptions ToEvaluationOptions(this RuleSetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleEvaluationOptions
        {
            EvaluationInterval = Duration(options.EvaluationInterval ?? RuleSetOptions.DefaultEvaluationInterval)!.Value,
        };
    }

    /// <summary>Builds one rule.</summary>
    /// <param name="options">The rule.</param>
    /// <param name="path">The rule's path, named in errors (default <c>rule</c>).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ConfigurationException">The rule is invalid.</exception>
    public static AlertRule ToAlertRule(this RuleOptions options, KeyPath? path = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        path ??= KeyPath.File.Entry("rule");
        ConfigurationException.ThrowIfAny(null, options.Problems(path));
        return Build(options, path, null);
    }

    private static AlertRule Build(RuleOptions options, KeyPath path, string? source)
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
            throw new ConfigurationException(source, [.. e.Message.Split(Environment.NewLine).Select(line => new ConfigurationProblem(path.ToString(), StripParameter(line)))]);
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
                ? new RangeFunctionDetector(RangeFunction.Deriv, window, Single(trend, severity))
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

    private static TimeSpan? Duration(string? text) => ConfigurationDuration.TryParse(text, out var duration) ? duration : null;

    private static string StripParameter(string message)
    {
        var end = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
