using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Evaluation;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// What a rule set keeps for one series: each rule's entry (<see cref="RuleRoute"/>), the series' sample clock (the
/// route itself, shared by the rules' states), and its quiet time: while every rule's state takes the fast path, the
/// earliest time at which a sample can change any rule's result.
/// </summary>
/// <remarks>
/// <para>
/// A sample in time order before the quiet time, in the epoch the quiet time was learnt in, changes nothing but the
/// rules' windows: it goes to the evaluators that take quiet samples (<see cref="FirstQuiet"/>, <see cref="OtherQuiet"/>)
/// and the clock moves, with no other per-rule work. Only windows of plain values (<see cref="ChangeTrackingEvaluator.HasPlainWindow"/>)
/// take quiet samples, so that path needs no failure handling. Any other sample goes rule by rule, after which the quiet
/// time is learnt again.
/// </para>
/// <para>
/// Rules that keep the same window of the series (the same size and figure, in the same state: a warning and a
/// critical threshold on one window mean, a mean and its window-over-window change) share its quiet samples: only the
/// first takes them; each other one follows it and copies its window when the quiet run ends (<see cref="CatchUp"/>),
/// which happens before anything else looks at it: the next sample off the quiet path, or any work of an engine
/// outside a sample's path (<see cref="IOffSampleListener"/>).
/// </para>
/// </remarks>
internal sealed class SeriesRoute : SampleClock
{
    private ChangeTrackingEvaluator[] _quiet = [];
    private Follower[] _followers = [];
    private int _followerCount;

    public SeriesRoute(RuleRoute[] rules)
    {
        Rules = rules;
        foreach (var route in rules)
        {
            route.State?.ShareClock(this);
        }
    }

    /// <summary>By rule, its entry for the series.</summary>
    public RuleRoute[] Rules { get; }

    /// <summary>Before this time no sample changes any rule's result (while <see cref="Epoch"/> is current).</summary>
    public long QuietUntil { get; private set; } = long.MinValue;

    /// <summary>The epoch of the rule set <see cref="QuietUntil"/> was learnt in.</summary>
    public int Epoch { get; private set; }

    /// <summary>The first of the rules' evaluators that take a quiet sample (kept here, not in an array, for one load less).</summary>
    public ChangeTrackingEvaluator? FirstQuiet { get; private set; }

    /// <summary>After <see cref="FirstQuiet"/>, the other evaluators that take a quiet sample, in rule order (the first <see cref="QuietCount"/> − 1).</summary>
    public ChangeTrackingEvaluator[] OtherQuiet => _quiet;

    /// <summary>How many evaluators take a quiet sample.</summary>
    public int QuietCount { get; private set; }

    /// <summary>Whether the rule set holds this route among those to catch up at its next epoch.</summary>
    public bool AwaitsEpoch { get; set; }

    /// <summary>
    /// Learns the quiet time from the rules' states and evaluators (none while a state is off the fast path), and which
    /// rules follow another's window. Call after <see cref="CatchUp"/>, with the rule set's current epoch.
    /// </summary>
    /// <param name="epoch">The current epoch.</param>
    /// <returns>Whether some rules follow another's window, so the route must be caught up before the epoch ends.</returns>
    public bool LearnQuietTime(int epoch)
    {
        Epoch = epoch;
        QuietUntil = long.MinValue;
        QuietCount = 0;
        _followerCount = 0;
        var until = long.MaxValue;
        foreach (var route in Rules)
        {
            var state = route.State;
            if (state is null)
            {
                continue;
            }

            // A quiet sample is taken with no failure handling: only windows whose adds cannot fail take it.
            if (state.FastTracker is null || state.Pruned || state.IsGroup || !route.Tracker!.HasPlainWindow)
            {
                return false;
            }

            until = Math.Min(until, route.Tracker.QuietUntilTicks);
        }

        // No sample in time order can be quiet: leave the rules as they are, with no one following.
        if (until <= Ticks)
        {
            return false;
        }

        foreach (var route in Rules)
        {
            if (route.Tracker is not { } tracker)
            {
                continue;
            }

            var leader = LeaderFor(tracker);
            if (leader is not null)
            {
                Add(ref _followers, _followerCount++, new Follower(tracker, leader));
            }
            else if (QuietCount++ == 0)
            {
                FirstQuiet = tracker;
            }
            else
            {
                Add(ref _quiet, QuietCount - 2, tracker);
            }
        }

        QuietUntil = until;
        return _followerCount > 0;
    }

    /// <summary>Brings every following rule's window level with its leader's and ends the quiet run.</summary>
    public void CatchUp()
    {
        for (var i = 0; i < _followerCount; i++)
        {
            _followers[i].Tracker.CatchUpWith(_followers[i].Leader);
        }

        _followerCount = 0;
        QuietUntil = long.MinValue;
    }

    private static void Add<T>(ref T[] items, int index, T item)
    {
        if (index == items.Length)
        {
            Array.Resize(ref items, Math.Max(2, items.Length * 2));
        }

        items[index] = item;
    }

    private ChangeTrackingEvaluator? LeaderFor(ChangeTrackingEvaluator tracker)
    {
        if (QuietCount > 0 && tracker.CanFollow(FirstQuiet!))
        {
            return FirstQuiet;
        }

        for (var i = 0; i < QuietCount - 1; i++)
        {
            if (tracker.CanFollow(_quiet[i]))
            {
                return _quiet[i];
            }
        }

        return null;
    }

    /// <summary>A rule's evaluator that skips quiet samples, and the evaluator that takes them.</summary>
    private readonly record struct Follower(ChangeTrackingEvaluator Tracker, ChangeTrackingEvaluator Leader);
}
