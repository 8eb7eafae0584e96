namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// The timer that forgets old state every <c>resolvedRetention</c>: armed while there is something to forget
/// (resolved alerts, silences, the log of gone groups), not ticking while there is none.
/// </summary>
/// <remarks>Guarded by the manager's lock; the sweep runs under it through the <see cref="AlertingGate"/>.</remarks>
internal sealed class RetentionSweep(AlertingGate gate, TimeSpan retention, Func<DateTimeOffset, bool> sweep)
{
    private IDisposable? _timer;

    /// <summary>Arms the sweep unless it is armed (or retention is off).</summary>
    public void Ensure()
    {
        if (_timer is null && retention > TimeSpan.Zero)
        {
            _timer = gate.Schedule(this, retention, static self => self.Run());
        }
    }

    public void Stop() => _timer?.Dispose();

    private void Run()
    {
        _timer = null;
        if (sweep(gate.Now - retention))
        {
            Ensure();
        }
    }
}
