namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Why and when <c>rxmon run</c> should stop: set once by a signal handler, read by the host.</summary>
/// <remarks>Thread-safe: signals arrive on their own thread; the first reason wins.</remarks>
internal sealed class StopRequest : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private string? _reason;

    /// <summary>Cancelled when a stop is requested.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first reason given, e.g. <c>SIGTERM</c>; null while no stop was requested.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Requests the stop, recording <paramref name="reason"/> unless one was recorded before.</summary>
    public void Request(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _stop.Cancel();
    }

    public void Dispose() => _stop.Dispose();
}
