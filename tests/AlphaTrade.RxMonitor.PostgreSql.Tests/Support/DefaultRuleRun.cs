using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.PostgreSql.Tests.Support;

/// <summary>
/// Runs one default rule in virtual time over samples read from a real server: each poll is stamped with its virtual
/// time (a 15 s grid), so a rule's <c>for</c> passes without waiting for it.
/// </summary>
internal static class DefaultRuleRun
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public static DateTimeOffset Epoch { get; } = DateTimeOffset.UnixEpoch.AddDays(1);

    /// <summary>The virtual time of poll number <paramref name="poll"/>, in ticks.</summary>
    public static long At(int poll) => (Epoch + (Step * poll)).UtcTicks;

    /// <summary>Evaluates the default rule <paramref name="name"/> over <paramref name="samples"/> up to one step after the last.</summary>
    public static List<AlertEvent> Evaluate(string name, IReadOnlyList<MetricSample> samples)
    {
        var options = RuleFile.Parse(DefaultRules.ReadJson(), "default-rules.json");
        var rule = options.ToAlertRules("default-rules.json").Single(r => r.Name == name);
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(Epoch.UtcTicks);
        using var subject = new Subject<MetricSample>();
        var events = new List<AlertEvent>();
        using var subscription = subject.EvaluateRules([rule], scheduler, options: options.ToEvaluationOptions()).Subscribe(events.Add);
        foreach (var sample in samples)
        {
            scheduler.Schedule(sample.Timestamp, () => subject.OnNext(sample));
        }

        scheduler.AdvanceTo(samples.Max(static s => s.TimestampTicks) + Step.Ticks);
        return events;
    }
}
