using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary>Runs rules over recorded samples in virtual time and collects their alert events.</summary>
/// <remarks>
/// A <see cref="HistoricalScheduler"/> starts at the first sample's time and is driven through the input: it is
/// advanced to each sample's timestamp (running every grid evaluation due before it) and the sample is
/// delivered then. After the last sample it is advanced to <c>until</c>, so that silence-driven transitions
/// (absence, staleness, <c>for</c> expiry, <c>keepFiringFor</c>) play out; evaluations at <c>until</c> itself
/// are included. Invalid samples (NaN, ±∞) are counted and dropped by the pipeline's input hygiene.
/// When a delivery target is given (the configured alert manager), it receives every event as it happens, on
/// the same virtual clock, so its group and repeat timers run in replay time; after <c>until</c> the clock is
/// advanced by <see cref="DeliveryGrace"/> with the rules stopped, so notifications still waiting for their
/// group timers go out.
/// </remarks>
internal static class ReplayRunner
{
    /// <summary>Virtual time given to the alert manager after the replay so pending group timers fire.</summary>
    public static readonly TimeSpan DeliveryGrace = TimeSpan.FromHours(1);

    /// <summary>Runs <paramref name="rules"/> over <paramref name="samples"/> (in time order) from <paramref name="from"/> up to <paramref name="until"/>.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="options">The evaluation options.</param>
    /// <param name="samples">The samples, in time order.</param>
    /// <param name="until">The end of the replay.</param>
    /// <param name="failureListener">Told of rule faults.</param>
    /// <param name="deliverTo">Creates the delivery target on the replay's clock, or null.</param>
    /// <param name="from">
    /// The start of the replay (the clock starts there and earlier samples are skipped); null for the first sample's time.
    /// </param>
    /// <returns>The alert events in time order, and the number of dropped samples.</returns>
    public static (IReadOnlyList<AlertEvent> Events, SampleHygieneCounters Dropped) Run(
        IReadOnlyList<AlertRule> rules,
        RuleEvaluationOptions options,
        IReadOnlyList<MetricSample> samples,
        DateTimeOffset until,
        IFailureListener failureListener,
        Func<HistoricalScheduler, IObserver<AlertEvent>>? deliverTo = null,
        DateTimeOffset? from = null)
    {
        var counters = new SampleHygieneCounters();
        var events = new List<AlertEvent>();
        if (samples.Count == 0)
        {
            return (events, counters);
        }

        var start = from ?? samples[0].Timestamp;
        var scheduler = new HistoricalScheduler(start);
        var delivery = deliverTo?.Invoke(scheduler);
        using var input = new Subject<MetricSample>();
        using (input.DropInvalid(TimeSpan.Zero, counters)
                   .EvaluateRules(rules, scheduler, failureListener, options)
                   .Subscribe(e =>
                   {
                       events.Add(e);
                       if (e.Timestamp <= until)
                       {
                           delivery?.OnNext(e);
                       }
                   }))
        {
            foreach (var sample in samples)
            {
                if (sample.Timestamp > until)
                {
                    break;
                }

                if (sample.Timestamp < start)
                {
                    continue;
                }

                scheduler.AdvanceTo(sample.Timestamp);
                input.OnNext(sample);
            }

            var end = until + options.EvaluationDelay;
            if (end > scheduler.Now)
            {
                scheduler.AdvanceTo(end);
            }

            input.OnCompleted();
        }

        if (delivery is not null)
        {
            scheduler.AdvanceBy(DeliveryGrace);
        }

        // Events are emitted in evaluation order; grid evaluations run just after the time they are stamped with.
        return ([.. events.Where(e => e.Timestamp <= until).OrderBy(static e => e.Timestamp)], counters);
    }
}
