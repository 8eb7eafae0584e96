using System.Threading.Channels;
using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>One sink behind its own bounded queue and consumer, with retries (exponential backoff, jitter), attempt timeout and a circuit breaker.</summary>
/// <remarks>
/// <see cref="TryEnqueue"/> never blocks: a full queue drops by the configured mode, counts the drop and reports it
/// (at the 1st, 2nd, 4th, 8th, … drop, and likewise for rejections by the open circuit, so a dead sink cannot flood
/// the failure listener). All waiting uses the
/// <see cref="TimeProvider"/>, so virtual time drives retries, timeouts and the breaker in tests. Each accepted
/// notification ends in exactly one outcome: delivered (the sink accepted it) or lost (dropped, rejected by the open
/// circuit, retries exhausted, or abandoned at stop), reported to the outcome callback on the consumer (or the
/// enqueuing) thread, so the alert manager logs only what a receiver accepted.
/// </remarks>
internal sealed class SinkChannel : IAsyncDisposable
{
    private readonly IAlertSink _sink;
    private readonly DeliverySettings _settings;
    private readonly FailureReporter _reporter;
    private readonly Channel<AlertNotification> _channel;
    private readonly CircuitBreaker _breaker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _consumer;
    private readonly Action<SinkChannel, AlertNotification, bool>? _onOutcome;
    private long _enqueued;
    private long _delivered;
    private long _dropped;
    private long _failed;
    private long _rejected;
    private long _retries;
    private long _timedOut;
    private int _stopping;

    public SinkChannel(IAlertSink sink, string receiver, DeliverySettings settings, FailureReporter reporter, Action<SinkChannel, AlertNotification, bool>? onOutcome = null)
    {
        _sink = sink;
        _onOutcome = onOutcome;
        Receiver = receiver;
        _settings = settings;
        _reporter = reporter;
        _breaker = new CircuitBreaker(settings.BreakerFailureThreshold, settings.BreakDuration);
        _channel = Channel.CreateBounded<AlertNotification>(
            new BoundedChannelOptions(settings.Capacity) { FullMode = settings.FullMode, SingleReader = true, SingleWriter = false },
            dropped =>
            {
                OnDropped("its queue is full");
                Outcome(dropped, delivered: false);
            });
        _consumer = Task.Run(ConsumeAsync);
    }

    public IAlertSink Sink => _sink;

    public string Receiver { get; }

    public bool TryEnqueue(AlertNotification notification)
    {
        if (_channel.Writer.TryWrite(notification))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        // A bounded channel refuses a write only when it is completed (stopped) or, in Wait mode, full.
        OnDropped(Volatile.Read(ref _stopping) != 0 ? "it is stopped" : "its queue is full");
        return false;
    }

    public SinkStatistics GetStatistics() => new(
        _sink.Name,
        Receiver,
        Interlocked.Read(ref _enqueued),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _timedOut),
        _channel.Reader.Count,
        _breaker.IsOpen);

    /// <summary>Stops accepting, lets the queue drain until <paramref name="cancellationToken"/> is cancelled, then abandons the rest (counted as dropped).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _stopping, 1);
        _channel.Writer.TryComplete();
        using (cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop))
        {
            await _consumer.ConfigureAwait(false);
        }

        while (_channel.Reader.TryRead(out var abandoned))
        {
            OnDropped("the alert manager stopped first");
            Outcome(abandoned, delivered: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ConsumeAsync()
    {
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (!_stop.IsCancellationRequested && reader.TryRead(out var notification))
                {
                    try
                    {
                        await DeliverAsync(notification).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        Outcome(notification, delivered: false);
                        throw;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(AlertNotification notification)
    {
        var time = _reporter.Time;
        Exception? last = null;
        for (var attempt = 0; attempt <= _settings.MaxRetries; attempt++)
        {
            if (!_breaker.AllowAttempt(time.GetUtcNow()))
            {
                var rejected = Interlocked.Increment(ref _rejected);
                if (IsPowerOfTwo(rejected))
                {
                    Report($"Rejected a notification for receiver '{Receiver}' because the sink's circuit is open; {rejected} rejected so far.", last);
                }

                Outcome(notification, delivered: false);
                return;
            }

            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
            }

            last = await AttemptAsync(notification).ConfigureAwait(false);
            if (last is null)
            {
                _breaker.OnSuccess();
                Interlocked.Increment(ref _delivered);
                Outcome(notification, delivered: true);
                return;
            }

            if (_stop.IsCancellationRequested)
            {
                Outcome(notification, delivered: false);
                return;
            }

            if (_breaker.OnFailure(time.GetUtcNow()))
            {
                Report($"Circuit opened for {_settings.BreakDuration} after {_settings.BreakerFailureThreshold} or more consecutive failures.", last);
            }

            if (attempt < _settings.MaxRetries)
            {
                await Task.Delay(Backoff(attempt), time, _stop.Token).ConfigureAwait(false);
            }
        }

        Interlocked.Increment(ref _failed);
        Report($"Notification {notification.Id} to receiver '{Receiver}' failed after {_settings.MaxRetries + 1} attempt(s); given up.", last);
        Outcome(notification, delivered: false);
    }

    private void Outcome(AlertNotification notification, bool delivered)
    {
        try
        {
            _onOutcome?.Invoke(this, notification, delivered);
        }
        // The manager's bookkeeping must not stop this sink's consumer.
        catch (Exception ex)
        {
            Report($"Recording the outcome of notification {notification.Id} failed.", ex);
        }
    }

    private async Task<Exception?> AttemptAsync(AlertNotification notification)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            await _sink.SendAsync(notification, attempt.Token).AsTask()
                .WaitAsync(_settings.Timeout, _reporter.Time, _stop.Token).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException ex)
        {
            // The sink did not finish in time: cancel it and move on without waiting for it (it may never return).
            await attempt.CancelAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _timedOut);
            return ex;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw;
        }
        // A sink's failure is isolated, counted and reported.
        catch (Exception ex)
        {
            return ex;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        // Exponential backoff with "equal jitter": half the delay fixed, half random, capped at MaxDelay.
        var exponential = _settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, _settings.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter is not security-sensitive.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
#pragma warning restore CA5394
    }

    private void OnDropped(string reason)
    {
        var dropped = Interlocked.Increment(ref _dropped);
        if (IsPowerOfTwo(dropped))
        {
            Report($"Dropped a notification for receiver '{Receiver}' because {reason}; {dropped} dropped so far.", null);
        }
    }

    private static bool IsPowerOfTwo(long count) => (count & (count - 1)) == 0;

    private void Report(string message, Exception? exception) =>
        _reporter.Report(PipelineComponent.Sink, _sink.Name, message, exception);
}
