using AlphaTrade.RxMonitor.Configuration;
using System.Net;
using System.Net.Sockets;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

/// <summary>
/// Integration: a configured endpoint's source against a real listener and a closed port on 127.0.0.1, its polls stamped
/// on a 15 s virtual grid and fed to the default network rules in virtual time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TcpEndpointOptionsTests
{
    private const int Polls = 8;

    [Fact]
    public async Task ClosedPort_DownEveryPoll_FiresNetworkEndpointDown()
    {
        var samples = await PollAsync(new TcpEndpointOptions { Name = "gateway", Host = "127.0.0.1", Port = ClosedPort(), Timeout = TimeSpan.FromSeconds(2) });

        Assert.All(samples, static s => Assert.Equal((SystemMetricNames.NetworkConnectUp, 0.0), (s.Key.Name, s.Value)));
        var firing = Assert.Single(Evaluate("NetworkEndpointDown", samples), static e => e.State == AlertState.Firing);
        Assert.Equal("gateway", firing.Labels.Get("endpoint"));
        Assert.True(firing.Timestamp >= VirtualSamples.Time(60), $"fired at {firing.Timestamp}, before its minute");
    }

    [Fact]
    public async Task Listener_UpWithLatencyEveryPoll_NeitherNetworkRuleFires()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var samples = await PollAsync(new TcpEndpointOptions { Name = "gateway", Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port });

        Assert.All(samples.Where(static s => s.Key.Name == SystemMetricNames.NetworkConnectUp), static s => Assert.Equal(1, s.Value));
        var latencies = samples.Where(static s => s.Key.Name == SystemMetricNames.NetworkConnectLatencySeconds).ToList();
        Assert.Equal(Polls, latencies.Count);
        Assert.All(latencies, static s => Assert.InRange(s.Value, 1e-7, 5));
        Assert.Empty(Evaluate("NetworkEndpointDown", samples));

        // A first connect on a loaded machine may pass 0.1 s (pending); only a latency held for 2 minutes fires.
        Assert.DoesNotContain(Evaluate("NetworkLatencyHigh", samples), static e => e.State == AlertState.Firing);
    }

    private static async Task<List<MetricSample>> PollAsync(TcpEndpointOptions endpoint)
    {
        Assert.Empty(endpoint.Problems(KeyPath.Section("RxMonitor:Sources:Endpoints:0")));
        var source = endpoint.CreateSource(TimeProvider.System);
        var samples = new List<MetricSample>();
        for (var poll = 0; poll < Polls; poll++)
        {
            var observer = new UpSignal();
            source.Poll(VirtualSamples.At(poll * 15), observer);
            await observer.Reported.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
            samples.AddRange(observer.Samples);
        }

        return samples;
    }

    private static List<AlertEvent> Evaluate(string rule, List<MetricSample> samples)
    {
        var options = RuleFile.Parse(DefaultRules.ReadJson(), "default-rules.json");
        var alertRule = options.ToAlertRules("default-rules.json").Single(r => r.Name == rule);
        var feed = new VirtualSamples();
        var events = new List<AlertEvent>();
        using var subscription = feed.Samples.EvaluateRules([alertRule], feed.Scheduler, options: options.ToEvaluationOptions()).Subscribe(events.Add);
        foreach (var sample in samples)
        {
            feed.Add(sample.Key, (sample.TimestampTicks - VirtualSamples.At(0)) / (double)TimeSpan.TicksPerSecond, sample.Value);
        }

        feed.Scheduler.AdvanceTo(VirtualSamples.At(Polls * 15));
        return events;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class UpSignal : IObserver<MetricSample>
    {
        public List<MetricSample> Samples { get; } = [];

        public TaskCompletionSource Reported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnNext(MetricSample value)
        {
            Samples.Add(value);
            if (value.Key.Name == SystemMetricNames.NetworkConnectUp)
            {
                Reported.TrySetResult();
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
