using System.Net;
using System.Net.Sockets;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Linux;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

/// <summary>Integration: real TCP connects on 127.0.0.1.</summary>
public sealed class TcpConnectLatencySourceTests
{
    private static async Task<List<MetricSample>> PollAsync(NetworkEndpoint endpoint)
    {
        var source = new TcpConnectLatencySource([endpoint], TimeSpan.FromSeconds(5), TimeProvider.System);
        var observer = new SignallingObserver();
        source.Poll(42, observer);
        await observer.Up.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        return observer.Samples;
    }

    [Fact]
    public async Task Poll_ListeningEndpoint_ReportsUpAndLatency()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var samples = await PollAsync(new NetworkEndpoint("local", "127.0.0.1", port));

        Assert.Equal(1, samples.Single(s => s.Key.Name == SystemMetricNames.NetworkConnectUp).Value);
        var latency = samples.Single(s => s.Key.Name == SystemMetricNames.NetworkConnectLatencySeconds);
        Assert.InRange(latency.Value, 0, 5);
        Assert.Equal("local", latency.Key.GetLabel("endpoint"));
        Assert.Equal(42, latency.TimestampTicks);
    }

    [Fact]
    public async Task Poll_ClosedPort_ReportsDownWithoutLatency()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var samples = await PollAsync(new NetworkEndpoint("closed", "127.0.0.1", port));

        Assert.Equal(0, Assert.Single(samples).Value);
    }

    [Fact]
    public void Constructor_InvalidEndpoints_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new TcpConnectLatencySource(
            [new NetworkEndpoint("a", "h", 0), new NetworkEndpoint("b", "h", 1), new NetworkEndpoint("b", "h", 2)],
            TimeSpan.FromSeconds(1),
            TimeProvider.System));

        Assert.Contains("endpoints[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("endpoints[2].name 'b' repeats", error.Message, StringComparison.Ordinal);
    }

    private sealed class SignallingObserver : IObserver<MetricSample>
    {
        public List<MetricSample> Samples { get; } = [];

        public TaskCompletionSource Up { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnNext(MetricSample value)
        {
            lock (Samples)
            {
                Samples.Add(value);
            }

            if (value.Key.Name == SystemMetricNames.NetworkConnectUp)
            {
                Up.TrySetResult();
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}

/// <summary>Integration: a connect that never completes is cut off by the injected clock's timeout.</summary>
public sealed class TcpConnectLatencyTimeoutTests
{
    [Fact]
    public async Task Poll_ConnectNeverCompletes_ReportsDownWhenVirtualTimeoutExpires()
    {
        // A listener that never accepts, with its accept queue filled: further SYNs are dropped, so connects hang.
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(IPAddress.Loopback, port);
            }

            var scheduler = new Microsoft.Reactive.Testing.TestScheduler();
            var source = new TcpConnectLatencySource(
                [new NetworkEndpoint("stuck", "127.0.0.1", port)], TimeSpan.FromSeconds(2), AlphaTrade.RxMonitor.Time.TimeBridgeExtensions.AsTimeProvider(scheduler));
            var samples = new System.Collections.Concurrent.ConcurrentQueue<MetricSample>();
            var observer = System.Reactive.Observer.Create<MetricSample>(samples.Enqueue);

            source.Poll(0, observer);
            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
            Assert.Empty(samples);
            scheduler.AdvanceBy(TimeSpan.FromSeconds(3).Ticks);
            for (var i = 0; i < 100 && samples.IsEmpty; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }

            var sample = Assert.Single(samples);
            Assert.Equal(SystemMetricNames.NetworkConnectUp, sample.Key.Name);
            Assert.Equal(0, sample.Value);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }
}
