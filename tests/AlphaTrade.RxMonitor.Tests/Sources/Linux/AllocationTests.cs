using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Linux;

namespace AlphaTrade.RxMonitor.Tests.Sources.Linux;

/// <summary>Integration: steady-state polls of the default system sources on this machine allocate (almost) nothing.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void PollDefaults_SteadyState_AllocatesAtMostOneKilobytePerPoll()
    {
        var sources = LinuxSystemSources.CreateDefaults();
        var observer = new NullObserver();
        var ticks = 0L;
        void PollAll()
        {
            ticks += TimeSpan.TicksPerSecond;
            foreach (var source in sources)
            {
                source.Poll(ticks, observer);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            PollAll();
        }

        var perSource = sources.ToDictionary(s => s.Name, s =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                ticks += TimeSpan.TicksPerSecond;
                s.Poll(ticks, observer);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        });

        foreach (var source in sources)
        {
            (source as IDisposable)?.Dispose();
        }

        Assert.True(perSource.Values.Sum() <= 1024, "Bytes per poll: " + string.Join(", ", perSource.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    private sealed class NullObserver : IObserver<MetricSample>
    {
        public void OnNext(MetricSample value)
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
