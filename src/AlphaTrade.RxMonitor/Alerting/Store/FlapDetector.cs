namespace AlphaTrade.RxMonitor.Alerting.Store;

/// <summary>Kapacitor-style flap detection for one alert: a ring of the last N levels and the weighted share of changes.</summary>
/// <remarks>
/// The ring starts all-inactive, as Kapacitor's. Each event is one evaluation; quiet time between evaluations counts
/// one evaluation per <see cref="FlapSettings.Interval"/> at the level held. Weights rise linearly from 0.8 for the
/// oldest change to 1.2 for the newest (Kapacitor's <c>percentChange</c>, with the newest change weighing exactly 1.2 so that a change at every evaluation gives 1.0). Not thread-safe (the manager's lock guards it).
/// </remarks>
internal sealed class FlapDetector(FlapSettings settings)
{
    private readonly byte[] _levels = new byte[settings.History];
    private int _next;
    private DateTimeOffset? _last;

    public bool IsFlapping { get; private set; }

    public byte CurrentLevel => _levels[(_next + _levels.Length - 1) % _levels.Length];

    /// <summary>Records an evaluation at <paramref name="time"/>; returns true when the flapping state changed.</summary>
    public bool Observe(DateTimeOffset time, byte level)
    {
        if (_last is { } last && time > last)
        {
            var elapsed = (time - last).Ticks / (double)settings.Interval.Ticks;
            var quiet = Math.Min((long)Math.Ceiling(elapsed) - 1, _levels.Length);
            var held = CurrentLevel;
            for (var i = 0; i < quiet; i++)
            {
                Push(held);
            }
        }

        _last = _last is { } l && l > time ? l : time;
        Push(level);
        var share = ChangeShare();
        var wasFlapping = IsFlapping;
        if (IsFlapping && share < settings.Low)
        {
            IsFlapping = false;
        }
        else if (!IsFlapping && share > settings.High)
        {
            IsFlapping = true;
        }

        return wasFlapping != IsFlapping;
    }

    /// <summary>The weighted share of state changes over the ring, 0..1.</summary>
    public double ChangeShare()
    {
        var n = _levels.Length;
        var weight = 0.8;
        var step = 0.4 / (n - 2);
        var changes = 0.0;
        for (var i = 1; i < n; i++)
        {
            var current = _levels[(_next + i) % n];
            var previous = _levels[(_next + i - 1) % n];
            if (current != previous)
            {
                changes += weight;
            }

            weight += step;
        }

        return changes / (n - 1);
    }

    private void Push(byte level)
    {
        _levels[_next] = level;
        _next = (_next + 1) % _levels.Length;
    }
}
