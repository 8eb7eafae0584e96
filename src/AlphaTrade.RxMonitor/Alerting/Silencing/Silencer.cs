using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting.Silencing;

/// <summary>
/// The silences (Alertmanager's <c>silence.Silences</c> and its <c>Silencer</c>): creating, expiring and restoring
/// them, which silences mute a label set now, and the timers at which a silence starts or ends.
/// </summary>
/// <remarks>Guarded by the manager's lock; its timers run under it through the <see cref="AlertingGate"/>.</remarks>
internal sealed class Silencer(AlertingGate gate, AlertHistoryRecorder recorder)
{
    private readonly AlertingGate _gate = gate;
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompositeDisposable> _timers = new(StringComparer.Ordinal);

    /// <summary>Called under the lock when a silence starts or ends on its own (its timer), with the time.</summary>
    public Action<DateTimeOffset>? Changed { get; set; }

    public int Count => _silences.Count;

    /// <summary>Validates and adds a new silence, recorded in history.</summary>
    /// <exception cref="ArgumentException">The matchers or times are invalid.</exception>
    public Silence Create(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string comment)
    {
        if (matchers.Count == 0 || matchers.All(static m => m.MatchesEmpty))
        {
            throw new ArgumentException("A silence needs at least one matcher that does not match the empty string (it would silence every alert).", nameof(matchers));
        }

        if (endsAt <= startsAt)
        {
            throw new ArgumentException($"The silence must end ({endsAt:O}) after it starts ({startsAt:O}).", nameof(endsAt));
        }

        var now = _gate.Now;
        if (endsAt <= now)
        {
            throw new ArgumentException($"The silence must end ({endsAt:O}) in the future (now {now:O}).", nameof(endsAt));
        }

        var silence = new Silence
        {
            Id = Guid.NewGuid().ToString("D"),
            Matchers = [.. matchers],
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedBy = createdBy,
            Comment = comment,
            UpdatedAt = now,
        };
        _silences[silence.Id] = silence;
        recorder.RecordSilence(silence);
        Schedule(silence, now);
        return silence;
    }

    /// <summary>Ends a silence now (recorded in history); <see langword="false"/> when it is unknown or expired.</summary>
    public bool Expire(string id)
    {
        var now = _gate.Now;
        if (!_silences.TryGetValue(id, out var silence) || silence.StateAt(now) == SilenceState.Expired)
        {
            return false;
        }

        var expired = silence with { StartsAt = silence.StartsAt < now ? silence.StartsAt : now, EndsAt = now, UpdatedAt = now };
        _silences[id] = expired;
        recorder.RecordSilence(expired);
        DisposeTimers(id);
        return true;
    }

    /// <summary>Takes the unexpired silences not held yet (e.g. from history after a restart); returns how many.</summary>
    public int Restore(IEnumerable<Silence> silences)
    {
        var now = _gate.Now;
        var restored = 0;
        foreach (var silence in silences)
        {
            if (silence.StateAt(now) != SilenceState.Expired && !_silences.ContainsKey(silence.Id))
            {
                _silences[silence.Id] = silence;
                Schedule(silence, now);
                restored++;
            }
        }

        return restored;
    }

    public IReadOnlyList<Silence> Snapshot() =>
        [.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];

    /// <summary>The ids of the silences active at <paramref name="now"/> that match <paramref name="labels"/>, sorted; <see langword="null"/> for none.</summary>
    public List<string>? SilencedBy(LabelSet labels, DateTimeOffset now)
    {
        List<string>? silencedBy = null;
        foreach (var silence in _silences.Values)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(labels))
            {
                (silencedBy ??= []).Add(silence.Id);
            }
        }

        silencedBy?.Sort(StringComparer.Ordinal);
        return silencedBy;
    }

    /// <summary>Forgets silences that ended before <paramref name="cutoff"/>; returns how many.</summary>
    public int RemoveEndedBefore(DateTimeOffset cutoff)
    {
        var ended = _silences.Values.Where(s => s.EndsAt < cutoff).ToList();
        foreach (var silence in ended)
        {
            DisposeTimers(silence.Id);
            _silences.Remove(silence.Id);
        }

        return ended.Count;
    }

    public void Stop()
    {
        foreach (var id in _timers.Keys.ToList())
        {
            DisposeTimers(id);
        }
    }

    private void Schedule(Silence silence, DateTimeOffset now)
    {
        var timers = new CompositeDisposable();
        if (silence.StartsAt > now)
        {
            timers.Add(_gate.Schedule(this, silence.StartsAt - now, static silencer => silencer.Changed?.Invoke(silencer._gate.Now)));
        }

        timers.Add(_gate.Schedule(this, silence.EndsAt - now, static silencer => silencer.Changed?.Invoke(silencer._gate.Now)));
        DisposeTimers(silence.Id);
        _timers[silence.Id] = timers;
    }

    private void DisposeTimers(string id)
    {
        if (_timers.Remove(id, out var timers))
        {
            timers.Dispose();
        }
    }
}
