using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Tests.Rules;

/// <summary>
/// The alert state machine as a table: one row per transition of Prometheus 2.42's <c>AlertingRule.Eval</c>
/// (<c>for</c>, <c>keep_firing_for</c>, <c>activeAt</c>, resolved retention) and of ours beyond it.
/// </summary>
public sealed class RuleEngineTests
{
    private const long None = AlertInstance.None;
    private static readonly DetectorResult Warning = DetectorResult.Breached(95, Severity.Warning);
    private static readonly DetectorResult Critical = DetectorResult.Breached(99, Severity.Critical);
    private static readonly DetectorResult Normal = DetectorResult.Normal(10);
    private static readonly DetectorResult NoData = DetectorResult.NoData;
    private static readonly AlertInstance Inactive = AlertInstance.Inactive;
    private static readonly RuleTimings ForZero = new(0, 0);
    private static readonly RuleTimings ForOneMinute = new(TimeSpan.FromMinutes(1).Ticks, 0);
    private static readonly RuleTimings KeepFiringTwoMinutes = new(TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromMinutes(2).Ticks);

    private static readonly Dictionary<string, StepRow> StepRows = new()
    {
        ["inactive, breach, for 0: fires at once, activeAt = t"] =
            new(Inactive, Warning, 100, ForZero, Alert(AlertPhase.Firing, 100), AlertState.Firing),
        ["inactive, breach, for 1m: pending, activeAt = t"] =
            new(Inactive, Warning, 100, ForOneMinute, Alert(AlertPhase.Pending, 100), AlertState.Pending),
        ["inactive, no breach: stays inactive, nothing emitted"] =
            new(Inactive, Normal, 100, ForOneMinute, Inactive, null),
        ["pending, breach before for: stays pending, activeAt kept"] =
            new(Alert(AlertPhase.Pending, 0), Warning, 59, ForOneMinute, Alert(AlertPhase.Pending, 0), null),
        ["pending, breach at t - activeAt = for: fires, activeAt kept"] =
            new(Alert(AlertPhase.Pending, 0), Warning, 60, ForOneMinute, Alert(AlertPhase.Firing, 0), AlertState.Firing),
        ["pending, breach at for with a new severity: fires at the new severity"] =
            new(Alert(AlertPhase.Pending, 0), Critical, 60, ForOneMinute, Alert(AlertPhase.Firing, 0, severity: Severity.Critical), AlertState.Firing),
        ["pending, breach with a new severity: pending again at it"] =
            new(Alert(AlertPhase.Pending, 0), Critical, 30, ForOneMinute, Alert(AlertPhase.Pending, 0, severity: Severity.Critical), AlertState.Pending),
        ["pending, no breach: ends resolved (Prometheus drops it), nothing retained"] =
            new(Alert(AlertPhase.Pending, 0), Normal, 30, ForOneMinute, Alert(AlertPhase.Inactive, 0), AlertState.Resolved),
        ["pending, no data: ends resolved like no breach"] =
            new(Alert(AlertPhase.Pending, 0), NoData, 30, ForOneMinute, Alert(AlertPhase.Inactive, 0), AlertState.Resolved),
        ["firing, breach: stays firing, nothing emitted"] =
            new(Alert(AlertPhase.Firing, 0), Warning, 120, ForOneMinute, Alert(AlertPhase.Firing, 0), null),
        ["firing, breach with a new severity: firing again at it"] =
            new(Alert(AlertPhase.Firing, 0), Critical, 120, ForOneMinute, Alert(AlertPhase.Firing, 0, severity: Severity.Critical), AlertState.Firing),
        ["firing, no breach, no keep_firing_for: resolves, resolvedAt = t"] =
            new(Alert(AlertPhase.Firing, 0), Normal, 120, ForOneMinute, Alert(AlertPhase.Inactive, 0, resolvedAt: 120), AlertState.Resolved),
        ["firing, no data, no keep_firing_for: resolves"] =
            new(Alert(AlertPhase.Firing, 0), NoData, 120, ForOneMinute, Alert(AlertPhase.Inactive, 0, resolvedAt: 120), AlertState.Resolved),
        ["firing, no breach, keep_firing_for 2m: keeps firing, keepFiringSince = t"] =
            new(Alert(AlertPhase.Firing, 0), Normal, 120, KeepFiringTwoMinutes, Alert(AlertPhase.Firing, 0, keepFiringSince: 120), null),
        ["kept firing, no breach before keep_firing_for ends: still firing, keepFiringSince kept"] =
            new(Alert(AlertPhase.Firing, 0, keepFiringSince: 120), Normal, 239, KeepFiringTwoMinutes, Alert(AlertPhase.Firing, 0, keepFiringSince: 120), null),
        ["kept firing, no breach at t - keepFiringSince = keep_firing_for: resolves"] =
            new(Alert(AlertPhase.Firing, 0, keepFiringSince: 120), Normal, 240, KeepFiringTwoMinutes, Alert(AlertPhase.Inactive, 0, resolvedAt: 240), AlertState.Resolved),
        ["kept firing, breach: firing, keepFiringSince cleared, activeAt kept"] =
            new(Alert(AlertPhase.Firing, 0, keepFiringSince: 120), Warning, 180, KeepFiringTwoMinutes, Alert(AlertPhase.Firing, 0), null),
        ["resolved and retained, breach: a new instance, pending with activeAt = t"] =
            new(Alert(AlertPhase.Inactive, 0, resolvedAt: 240), Warning, 300, ForOneMinute, Alert(AlertPhase.Pending, 300), AlertState.Pending),
        ["resolved, no breach at t - resolvedAt = 15m: still retained"] =
            new(Alert(AlertPhase.Inactive, 0, resolvedAt: 240), Normal, 240 + 900, ForOneMinute, Alert(AlertPhase.Inactive, 0, resolvedAt: 240), null),
        ["resolved, no breach past the 15m retention: forgotten"] =
            new(Alert(AlertPhase.Inactive, 0, resolvedAt: 240), Normal, 240 + 901, ForOneMinute, Inactive, null),
    };

    private static readonly Dictionary<string, EndRow> EndRows = new()
    {
        ["pending: resolved"] = new(Alert(AlertPhase.Pending, 0), 30, Alert(AlertPhase.Inactive, 0, resolvedAt: 30), AlertState.Resolved),
        ["firing: resolved"] = new(Alert(AlertPhase.Firing, 0), 120, Alert(AlertPhase.Inactive, 0, resolvedAt: 120), AlertState.Resolved),
        ["kept firing: resolved, keepFiringSince cleared"] =
            new(Alert(AlertPhase.Firing, 0, keepFiringSince: 120), 180, Alert(AlertPhase.Inactive, 0, resolvedAt: 180), AlertState.Resolved),
        ["inactive: nothing emitted"] = new(Inactive, 30, Inactive, null),
    };

    public static TheoryData<string> StepRowNames => [.. StepRows.Keys];

    public static TheoryData<string> EndRowNames => [.. EndRows.Keys];

    [Theory]
    [MemberData(nameof(StepRowNames))]
    public void Step_Row_GivesTheNextStateAndTransition(string row)
    {
        var (previous, verdict, at, timings, next, emitted) = StepRows[row];

        var step = RuleEngine.Step(previous, verdict, S(at), timings);

        Assert.Equal(next, step.Next);
        Assert.Equal(emitted, step.Emitted);
    }

    [Theory]
    [MemberData(nameof(EndRowNames))]
    public void End_Row_ResolvesWhatIsActive(string row)
    {
        var (previous, at, next, emitted) = EndRows[row];

        var step = RuleEngine.End(previous, S(at));

        Assert.Equal(next, step.Next);
        Assert.Equal(emitted, step.Emitted);
    }

    [Fact]
    public void Step_ForHeldOverSeveralEvaluations_FiresAtTheFirstEvaluationPastFor()
    {
        var alert = Inactive;
        var emitted = new List<string>();
        foreach (var at in new long[] { 0, 15, 30, 45, 60, 75 })
        {
            var step = RuleEngine.Step(alert, Warning, S(at), ForOneMinute);
            alert = step.Next;
            if (step.Emitted is { } state)
            {
                emitted.Add($"{at}:{state}");
            }
        }

        Assert.Equal(["0:Pending", "60:Firing"], emitted);
        Assert.Equal(S(0), alert.ActiveAtTicks);
    }

    private static AlertInstance Alert(AlertPhase phase, long activeAt, long keepFiringSince = None, long resolvedAt = None, Severity severity = Severity.Warning) =>
        new(phase, S(activeAt), keepFiringSince == None ? None : S(keepFiringSince), resolvedAt == None ? None : S(resolvedAt), severity);

    private static long S(long seconds) => DateTimeOffset.UnixEpoch.UtcTicks + (seconds * TimeSpan.TicksPerSecond);

    private sealed record StepRow(AlertInstance Previous, DetectorResult Verdict, long At, RuleTimings Timings, AlertInstance Next, AlertState? Emitted);

    private sealed record EndRow(AlertInstance Previous, long At, AlertInstance Next, AlertState? Emitted);
}
