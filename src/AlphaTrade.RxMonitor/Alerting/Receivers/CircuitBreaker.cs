namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>A consecutive-failure circuit breaker: closed → open after N failures → one trial after the break → closed or open again.</summary>
/// <remarks>Used by one sink consumer only, so not thread-safe; <see cref="IsOpen"/> may be read racily for statistics.</remarks>
internal sealed class CircuitBreaker(int failureThreshold, TimeSpan breakDuration)
{
    private int _failures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private volatile bool _open;

    public bool IsOpen => _open;

    /// <summary>Whether an attempt may go ahead at <paramref name="now"/> (after the break, one trial goes ahead).</summary>
    public bool AllowAttempt(DateTimeOffset now) => !_open || now >= _openUntil;

    public void OnSuccess()
    {
        _failures = 0;
        _open = false;
    }

    /// <summary>Records a failure; returns true when it opened (or re-opened) the circuit.</summary>
    public bool OnFailure(DateTimeOffset now)
    {
        _failures++;
        if (_open || _failures >= failureThreshold)
        {
            _open = true;
            _openUntil = now + breakDuration;
            return true;
        }

        return false;
    }
}
