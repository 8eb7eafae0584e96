using AlphaTrade.RxMonitor.Metrics;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <content>The alert manager's silences and inhibition: which alerts are suppressed, and when that changes.</content>
public sealed partial class AlertManager
{
    /// <summary>Creates a silence (recorded in history); matching alerts are tracked and recorded but not notified while it is active.</summary>
    /// <param name="matchers">All must match; at least one must not match the empty string (no silence of everything).</param>
    /// <param name="startsAt">When it starts (may be in the past or future).</param>
    /// <param name="endsAt">When it ends; after <paramref name="startsAt"/> and in the future.</param>
    /// <param name="createdBy">Who creates it.</param>
    /// <param name="comment">Why.</param>
    /// <returns>The silence, with its id.</returns>
    /// <exception cref="ArgumentException">The matchers or times are invalid.</exception>
    public Silence CreateSilence(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string comment)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        ArgumentNullException.ThrowIfNull(comment);
        if (matchers.Count == 0 || matchers.All(static m => m.MatchesEmpty))
        {
            throw new ArgumentException("A silence needs at least one matcher that does not match the empty string (it would silence every alert).", nameof(matchers));
        }

        if (endsAt <= startsAt)
        {
            throw new ArgumentException($"The silence must end ({endsAt:O}) after it starts ({startsAt:O}).", nameof(endsAt));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var now = _scheduler.Now;
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
            AddSilenceLocked(silence, now);
            return silence;
        }
    }

    /// <summary>Expires a silence now (recorded in history); its alerts are notified again at their groups' next flush.</summary>
    /// <param name="id">The silence's id.</param>
    /// <returns><see langword="true"/> when an unexpired silence was expired.</returns>
    public bool ExpireSilence(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            var now = _scheduler.Now;
            if (_stopped || !_silences.TryGetValue(id, out var silence) || silence.StateAt(now) == SilenceState.Expired)
            {
                return false;
            }

            var expired = silence with { StartsAt = silence.StartsAt < now ? silence.StartsAt : now, EndsAt = now, UpdatedAt = now };
            _silences[id] = expired;
            RecordSilence(expired);
            DisposeSilenceTimers(id);
            RecomputeSuppression(now);
            return true;
        }
    }

    /// <summary>Every silence the manager holds (pending, active, and expired ones not yet cleaned up).</summary>
    /// <returns>The silences by start time.</returns>
    public IReadOnlyList<Silence> GetSilences()
    {
        lock (_gate)
        {
            return [.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Restores silences from the history (e.g. after a restart): unexpired ones take effect again.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>How many silences were restored.</returns>
    public async Task<int> RestoreSilencesAsync(CancellationToken cancellationToken = default)
    {
        var silences = await _history.QuerySilencesAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var now = _scheduler.Now;
            var restored = RestoreSilencesLocked(silences, now);
            RecomputeSuppression(now);
            return restored;
        }
    }

    private int RestoreSilencesLocked(IEnumerable<Silence> silences, DateTimeOffset now)
    {
        var restored = 0;
        foreach (var silence in silences)
        {
            if (silence.StateAt(now) != SilenceState.Expired && !_silences.ContainsKey(silence.Id))
            {
                _silences[silence.Id] = silence;
                ScheduleSilence(silence, now);
                restored++;
            }
        }

        return restored;
    }

    private bool UpdateInhibitionSources(AlertEntry entry)
    {
        var changed = false;
        foreach (var rule in _inhibitRules)
        {
            var isSource = entry.State == AlertState.Firing && InhibitRule.MatchesAll(rule.SourceMatchers, entry.MatchLabels);
            changed |= isSource ? rule.Sources.Add(entry) : rule.Sources.Remove(entry);
        }

        return changed;
    }

    private void RecomputeSuppression(DateTimeOffset time)
    {
        foreach (var entry in _alerts.Values)
        {
            UpdateSuppression(entry, time);
        }
    }

    private void UpdateSuppression(AlertEntry entry, DateTimeOffset time)
    {
        if (_silences.Count == 0 && _inhibitRules.Length == 0 && !entry.IsSuppressed)
        {
            return;
        }

        var now = _scheduler.Now;
        List<string>? silencedBy = null;
        foreach (var silence in _silences.Values)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(entry.MatchLabels))
            {
                (silencedBy ??= []).Add(silence.Id);
            }
        }

        List<ulong>? inhibitedBy = null;
        foreach (var rule in _inhibitRules)
        {
            if (rule.FindInhibitor(entry) is { } source && !(inhibitedBy?.Contains(source.Fingerprint) ?? false))
            {
                (inhibitedBy ??= []).Add(source.Fingerprint);
            }
        }

        var wasSuppressed = entry.IsSuppressed;
        silencedBy?.Sort(StringComparer.Ordinal);
        inhibitedBy?.Sort();
        if (entry.SetSuppression(silencedBy?.ToArray() ?? [], inhibitedBy?.ToArray() ?? []) && wasSuppressed != entry.IsSuppressed)
        {
            Record(entry, entry.IsSuppressed ? AlertChange.Suppressed : AlertChange.Unsuppressed, entry.State, entry.Severity, time);
        }
    }

    private void AddSilenceLocked(Silence silence, DateTimeOffset now)
    {
        _silences[silence.Id] = silence;
        RecordSilence(silence);
        ScheduleSilence(silence, now);
        RecomputeSuppression(now);
    }

    private void ScheduleSilence(Silence silence, DateTimeOffset now)
    {
        var timers = new CompositeDisposable();
        if (silence.StartsAt > now)
        {
            timers.Add(ScheduleSilenceChange(silence.StartsAt - now));
        }

        timers.Add(ScheduleSilenceChange(silence.EndsAt - now));
        DisposeSilenceTimers(silence.Id);
        _silenceTimers[silence.Id] = timers;
        EnsureSweep();
    }

    private IDisposable ScheduleSilenceChange(TimeSpan due) =>
        _scheduler.Schedule(this, due, static (scheduler, manager) =>
        {
            lock (manager._gate)
            {
                if (!manager._stopped)
                {
                    manager.RecomputeSuppression(scheduler.Now);
                }
            }

            return Disposable.Empty;
        });

    private void DisposeSilenceTimers(string id)
    {
        if (_silenceTimers.Remove(id, out var timers))
        {
            timers.Dispose();
        }
    }
}
