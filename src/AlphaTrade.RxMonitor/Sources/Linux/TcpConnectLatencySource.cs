using System.Net;
using System.Net.Sockets;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Network latency as the time to open a TCP connection to each configured endpoint.</summary>
/// <remarks>
/// <para>
/// Each poll starts one asynchronous connect per endpoint (skipping an endpoint whose previous connect is
/// still running) and returns at once; when a connect completes, the source writes
/// <c>system_network_connect_latency_seconds{endpoint}</c> (success only) and
/// <c>system_network_connect_up{endpoint}</c> (1 or 0), stamped with the poll's time. A connect that has not
/// completed within the timeout (measured on the injected <see cref="TimeProvider"/>) is cancelled and
/// reported as down. Host names are resolved on every connect (DNS changes are followed).
/// </para>
/// <para>Completions arrive on thread-pool threads and are serialized by the source. Each connect allocates a socket.</para>
/// </remarks>
public sealed class TcpConnectLatencySource : IMetricSource
{
    private readonly Probe[] _probes;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly object _writeGate = new();

    /// <summary>Creates the source.</summary>
    /// <param name="endpoints">The endpoints; names must be unique.</param>
    /// <param name="timeout">How long a connect may take before it counts as down.</param>
    /// <param name="timeProvider">The clock for the timeout and the measurement.</param>
    public TcpConnectLatencySource(IEnumerable<NetworkEndpoint> endpoints, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var list = endpoints.ToList();
        var problems = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            if (e is null || string.IsNullOrWhiteSpace(e.Name) || string.IsNullOrWhiteSpace(e.Host) || e.Port is < 1 or > 65535)
            {
                problems.Add($"endpoints[{i}] needs a name, a host and a port in 1..65535.");
            }
            else if (list.Take(i).Any(o => o?.Name == e.Name))
            {
                problems.Add($"endpoints[{i}].name '{e.Name}' repeats.");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(endpoints));
        }

        _probes = [.. list.Select(e => new Probe(e))];
        _timeout = timeout;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Name => "linux.tcp-latency";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        foreach (var probe in _probes)
        {
            if (Interlocked.CompareExchange(ref probe.Running, 1, 0) == 0)
            {
                _ = MeasureAsync(probe, timestampTicks, observer);
            }
        }
    }

    private async Task MeasureAsync(Probe probe, long timestampTicks, IObserver<MetricSample> observer)
    {
        double? seconds = null;
        try
        {
            using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var started = _timeProvider.GetTimestamp();
            if (IPAddress.TryParse(probe.Endpoint.Host, out var address))
            {
                await socket.ConnectAsync(new IPEndPoint(address, probe.Endpoint.Port), timeout.Token);
            }
            else
            {
                await socket.ConnectAsync(probe.Endpoint.Host, probe.Endpoint.Port, timeout.Token);
            }

            seconds = _timeProvider.GetElapsedTime(started).TotalSeconds;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            // Refused, unreachable or timed out: the endpoint is down, which is a measurement, not a failure.
        }
        finally
        {
            Volatile.Write(ref probe.Running, 0);
        }

        lock (_writeGate)
        {
            if (seconds is { } s)
            {
                observer.OnNext(new MetricSample(probe.LatencyKey, timestampTicks, s));
            }

            observer.OnNext(new MetricSample(probe.UpKey, timestampTicks, seconds is null ? 0 : 1));
        }
    }

    private sealed class Probe(NetworkEndpoint endpoint)
    {
        public int Running;

        public NetworkEndpoint Endpoint { get; } = endpoint;

        public SeriesKey LatencyKey { get; } = SeriesKey.Create(SystemMetricNames.NetworkConnectLatencySeconds, new Label("endpoint", endpoint.Name));

        public SeriesKey UpKey { get; } = SeriesKey.Create(SystemMetricNames.NetworkConnectUp, new Label("endpoint", endpoint.Name));
    }
}
