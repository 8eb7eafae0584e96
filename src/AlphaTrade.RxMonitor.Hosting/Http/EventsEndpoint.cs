using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>GET /api/events?match[]=…</c>: server-sent events. On connect a <c>snapshot</c> (health, active alerts, the
/// latest sample of each matched series); then, each tick, <c>samples</c> (new samples of the matched series),
/// <c>alerts</c> (the whole active list, when it changed) and <c>health</c> (when the verdict changed); and a
/// <c>heartbeat</c> with the count of events dropped for this client.
/// </summary>
/// <remarks>
/// Each client has its own producer on a timer of the endpoint's clock (never the ingest thread) and its own
/// <see cref="EventQueue"/> (bounded by events and bytes): a client that does not keep up loses its backlog, counted in
/// the heartbeat, and gets a fresh <c>snapshot</c> in its place.
/// At most <see cref="MaxClients"/> streams at once; more get 503.
/// </remarks>
internal sealed class EventsEndpoint(ILiveStateProvider live, RxMonitorEndpointSources sources)
{
    /// <summary>The most concurrent streams one mapping serves.</summary>
    public const int MaxClients = 64;

    /// <summary>The events queued per client before its backlog is dropped and replaced by a snapshot.</summary>
    public const int QueueCapacity = 256;

    /// <summary>The bytes of events queued per client before its backlog is dropped and replaced by a snapshot.</summary>
    public const long QueueBytes = 4L * 1024 * 1024;

    private int _clients;

    public async Task HandleAsync(HttpContext context)
    {
        var query = new QueryParameters(context.Request.Query);
        var selectors = query.Selectors("match[]");
        if (query.Errors.Count > 0)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, query.Errors).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _clients) > MaxClients)
        {
            Interlocked.Decrement(ref _clients);
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, [$"Too many event streams (at most {MaxClients}); try again later."]).ConfigureAwait(false);
            return;
        }

        try
        {
            await StreamAsync(context, new LiveStateTracker(live, selectors)).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _clients);
        }
    }

    private async Task StreamAsync(HttpContext context, LiveStateTracker tracker)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var queue = new EventQueue(QueueCapacity, QueueBytes);
        queue.Write(tracker.Snapshot());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var producing = ProduceAsync(tracker, queue, stop.Token);
        try
        {
            await context.Response.WriteAsync("retry: 3000\n\n", Encoding.UTF8, stop.Token).ConfigureAwait(false);
            await foreach (var e in queue.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await context.Response.WriteAsync(e.ToWire(), Encoding.UTF8, stop.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producing.ConfigureAwait(false);
        }
    }

    /// <summary>Queues what changed since the last tick; after a drop, a fresh snapshot, so the client's view is whole again.</summary>
    internal static void WriteChanges(LiveStateTracker tracker, EventQueue queue)
    {
        foreach (var e in tracker.Changes())
        {
            queue.Write(e);
        }

        if (queue.TakeOverflow())
        {
            queue.Write(tracker.Snapshot());
        }
    }

    private async Task ProduceAsync(LiveStateTracker tracker, EventQueue queue, CancellationToken cancellationToken)
    {
        var clock = sources.TimeProvider;
        var nextHeartbeat = clock.GetUtcNow() + sources.EventHeartbeat;
        try
        {
            using var timer = new PeriodicTimer(sources.EventInterval, clock);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                WriteChanges(tracker, queue);

                var now = clock.GetUtcNow();
                if (now >= nextHeartbeat)
                {
                    nextHeartbeat = now + sources.EventHeartbeat;
                    queue.Write(new ServerSentEvent(
                        "heartbeat",
                        string.Create(CultureInfo.InvariantCulture, $"{{\"time\":\"{now:O}\",\"dropped\":{queue.Dropped}}}")));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
        finally
        {
            queue.Complete();
        }
    }
}
