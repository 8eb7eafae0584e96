namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// How long the ingest loop spins on empty queues before it parks, from what the stream has done lately: a wake-up
/// after a park costs tens of µs to milliseconds on a VM, spinning costs a core while it lasts.
/// </summary>
/// <remarks>
/// <para>
/// The spin is counted from when the queues ran empty after the last sample, not from the loop's last wake: a wake
/// that takes no sample (a due timer, the park bound) in the middle of a gap spins only what is left of it, and an idle
/// host, whose queues ran empty long ago, parks at once after each wake and costs almost nothing.
/// </para>
/// <para>
/// A sparse stream (fewer than 1,024 samples since the stream last stopped for 100 ms) spins the configured
/// <see cref="IngestOptions.SpinBeforePark"/>. A dense stream spins 100 times that (5 ms by default, at most
/// <see cref="IngestOptions.MaxSpinBeforePark"/>) while it is steady: while most of the loop's recent idle time was
/// waits that the next sample ended within the configured spin. Then a writer descheduled for a scheduler time slice
/// does not cost a park, whose wake-up every sample the writer catches up with would wait for. A park does not make a
/// stream sparse again: on the 2-core VM writers are descheduled for milliseconds now and then, and a stream that had
/// to earn its spin again after each such park parked several times more, with wake-ups of up to milliseconds. A dense
/// stream that pauses between bursts (a writer that sleeps a millisecond between batches) spends its idle time in long
/// waits, so it spins only the configured spin and parks in its pauses: spinning through them would keep a core busy
/// for nothing.
/// </para>
/// <para>
/// "Recent" decays by half every 100 ms of idle time noted. Times are the loop's elapsed time since it started. Not
/// thread-safe: the loop's own thread uses it.
/// </para>
/// </remarks>
internal sealed class IdleSpinPolicy
{
    private const int DenseStreamSamples = 1024;
    private const int DenseStreamSpinFactor = 100;
    private static readonly TimeSpan StreamStopsAfter = TimeSpan.FromMilliseconds(100);
    private static readonly long DecayEveryTicks = TimeSpan.FromMilliseconds(100).Ticks;
    private readonly TimeSpan _spin;
    private readonly TimeSpan _denseSpin;
    private TimeSpan? _lastSampleAt;
    private TimeSpan? _emptySince;
    private long _streamSamples;
    private long _shortWaitTicks;
    private long _longWaitTicks;

    /// <summary>Creates the policy for a configured spin.</summary>
    /// <param name="spinBeforePark">The configured spin, <see cref="IngestOptions.SpinBeforePark"/>.</param>
    public IdleSpinPolicy(TimeSpan spinBeforePark)
    {
        _spin = spinBeforePark;
        _denseSpin = TimeSpan.FromTicks(Math.Min(spinBeforePark.Ticks * DenseStreamSpinFactor, IngestOptions.MaxSpinBeforePark.Ticks));
    }

    /// <summary>How long to spin on empty queues, counted from when they ran empty after the last sample.</summary>
    public TimeSpan SpinWindow =>
        _lastSampleAt is null ? TimeSpan.Zero
        : _streamSamples >= DenseStreamSamples && _longWaitTicks <= _shortWaitTicks ? _denseSpin
        : _spin;

    /// <summary>Notes a drain that took samples.</summary>
    /// <param name="count">How many samples.</param>
    /// <param name="at">When.</param>
    public void Drained(int count, TimeSpan at)
    {
        if (_emptySince is { } emptySince)
        {
            NoteWait(at - emptySince);
            _emptySince = null;
        }

        if (_lastSampleAt is { } last && at - last > StreamStopsAfter)
        {
            _streamSamples = 0;
        }

        _streamSamples += count;
        _lastSampleAt = at;
    }

    /// <summary>
    /// Notes when a writer asked the parked loop to wake: the queues' wait ended then, not at the drain after the
    /// wake-up, which on a VM can come milliseconds later. Counting the wake-up as the stream's idle time would make a
    /// steady stream look as if it paused, so it would park more, and wait for more wake-ups.
    /// </summary>
    /// <param name="at">When.</param>
    public void WakeAsked(TimeSpan at)
    {
        if (_emptySince is { } emptySince && at >= emptySince)
        {
            NoteWait(at - emptySince);
            _emptySince = null;
        }
    }

    /// <summary>Notes a look at empty queues, and says whether to spin on (or else park).</summary>
    /// <param name="at">When.</param>
    /// <returns>Whether the spin window, counted from when the queues ran empty, is still open.</returns>
    public bool KeepSpinning(TimeSpan at)
    {
        _emptySince ??= at;
        return at - _emptySince.Value < SpinWindow;
    }

    private void NoteWait(TimeSpan wait)
    {
        if (wait <= _spin)
        {
            _shortWaitTicks += wait.Ticks;
        }
        else
        {
            _longWaitTicks += wait.Ticks;
        }

        if (_shortWaitTicks + _longWaitTicks > DecayEveryTicks)
        {
            _shortWaitTicks /= 2;
            _longWaitTicks /= 2;
        }
    }
}
