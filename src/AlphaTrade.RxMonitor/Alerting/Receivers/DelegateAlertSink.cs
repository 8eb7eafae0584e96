namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>A sink that calls your delegate (what <see cref="AlertManager.AddHandler(Func{AlertNotification, CancellationToken, ValueTask}, string?)"/> builds).</summary>
public sealed class DelegateAlertSink : IAlertSink
{
    private readonly Func<AlertNotification, CancellationToken, ValueTask> _handler;

    /// <summary>Creates the sink.</summary>
    /// <param name="handler">Called once per notification, on the sink's own consumer.</param>
    /// <param name="name">The sink's name.</param>
    public DelegateAlertSink(Func<AlertNotification, CancellationToken, ValueTask> handler, string name = "handler")
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _handler = handler;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken) => _handler(notification, cancellationToken);
}
