namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// How long the ingest loop spins on empty queues before it parks, from what the stream has done lately: a wake-up
/// after a park costs tens to hundreds of µs on a VM, spinning costs a core while it lasts.
/// </summary>
/// <remarks>
/// <para>
/// A wake that drained no sample (a timer, or the park bound running out while idle) predicts no stream: no spin, so an
/// idle host costs almost nothing. A sparse stream (fewer than 1,024 samples since the last park) spins the configured
/// <see cref="IngestOptions.SpinBeforePark"/>.
/// </para>
/// <para>
/// A dense stream spins 100 times that (5 ms by default, at most <see cref="IngestOptions.MaxSpinBeforePark"/>) while it
/// is steady: while most of the loop's recent idle time was waits that the next sample ended within the configured
/// spin. Then a writer descheduled for a scheduler time slice does not cost a park, whose wake-up every sample the writer
/// catches up with would wait for (on the 2-core VM the paced latency benchmark's p99 was 161 µs with a 1 ms spin and
/// 9 µs with 5 ms). A dense stream that pauses between bursts (a writer that sleeps a millisecond between batches) spends
/// its idle time in long waits, so it spins only the configured spin and parks in its pauses: spinning through them
/// would keep a core busy for nothing.
/// </para>
/// <para>"Recent" decays by half every 100 ms of idle time noted. Not thread-safe: the loop's own thread uses it.</para>
/// </remarks>
internal sealed class IdleSpinPolicy
{
    private const int DenseStreamSamples = 1024;
    private const int DenseStreamSpinFactor = 100;
    private static readonly long DecayEveryTicks = TimeSpan.FromMilliseconds(100).Ticks;
    private readonly TimeSpan _spin;
    private readonly TimeSpan _denseSpin;
    private long _drainedSinceParked;
    private long _shortWaitTicks;
    private long _longWaitTicks;

    /// <summary>Creates the policy for a configured spin.</summary>
    /// <param name="spinBeforePark">The configured spin, <see cref="IngestOptions.SpinBeforePark"/>.</param>
    public IdleSpinPolicy(TimeSpan spinBeforePark)
    {
        _spin = spinBeforePark;
        _denseSpin = TimeSpan.FromTicks(Math.Min(spinBeforePark.Ticks * DenseStreamSpinFactor, IngestOptions.MaxSpinBeforePark.Ticks));
    }

    /// <summary>How long to spin on empty queues, counted from when they ran empty, before parking.</summary>
    public TimeSpan SpinWindow =>
        _drainedSinceParked == 0 ? TimeSpan.Zero
        : _drainedSinceParked >= DenseStreamSamples && _longWaitTicks <= _shortWaitTicks ? _denseSpin
        : _spin;

    /// <summary>Notes samples drained.</summary>
    /// <param name="count">How many.</param>
    public void Drained(int count) => _drainedSinceParked += count;

    /// <summary>Notes how long the queues stayed empty before a sample arrived (a park included).</summary>
    /// <param name="wait">The wait.</param>
    public void Waited(TimeSpan wait)
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

    /// <summary>Notes that the loop parked: the samples since the last park count from zero.</summary>
    public void Parked() => _drainedSinceParked = 0;
}
