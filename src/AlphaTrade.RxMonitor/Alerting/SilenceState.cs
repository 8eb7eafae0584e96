namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Where a silence is in its life, relative to a point in time.</summary>
public enum SilenceState
{
    /// <summary>Starts in the future.</summary>
    Pending = 0,

    /// <summary>Suppresses matching alerts now.</summary>
    Active = 1,

    /// <summary>Ended (reached its end or was expired through the API).</summary>
    Expired = 2,
}
