using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Meters;
using AlphaTrade.RxMonitor.Sources.Runtime;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Runtime;

public sealed class DotNetRuntimeSourceTests
{
    [Fact]
    public void Poll_AfterFullCollection_Gen2CountGrew()
    {
        using var source = new DotNetRuntimeSource();
        var before = new CollectingObserver();
        source.Poll(1, before);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = new CollectingObserver();
        source.Poll(2, after);

        var gen2 = ("gc_heap_generation", "gen2");
        Assert.True(after.Value("dotnet_gc_collections_total", gen2) > before.Value("dotnet_gc_collections_total", gen2));
        Assert.True(after.Value("dotnet_gc_pause_time_seconds_total") >= before.Value("dotnet_gc_pause_time_seconds_total"));
    }

    [Fact]
    public void Poll_ExceptionThrown_CountsIt()
    {
        using var source = new DotNetRuntimeSource();
        try
        {
            throw new InvalidOperationException("counted");
        }
        catch (InvalidOperationException)
        {
        }

        var observer = new CollectingObserver();
        source.Poll(1, observer);

        Assert.True(observer.Value("dotnet_exceptions_total") >= 1);
    }

    [Fact]
    public void Poll_Names_MatchTheBridgedSystemRuntimeMeter()
    {
        var options = new MeterSourceOptions();
        options.Meters.Add("System.Runtime");
        using var bridge = new MeterSource(options);
        using var direct = new DotNetRuntimeSource();
        try
        {
            throw new InvalidOperationException("make dotnet.exceptions report");
        }
        catch (InvalidOperationException)
        {
        }

        var bridged = new CollectingObserver();
        bridge.Poll(1, bridged);
        var own = new CollectingObserver();
        direct.Poll(1, own);

        var bridgedNames = bridged.Samples.Select(s => s.Key.Name).ToHashSet();
        Assert.All(own.Samples, s => Assert.Contains(s.Key.Name, bridgedNames));
    }

    [Fact]
    public void Poll_SteadyState_AllocatesNothing()
    {
        using var source = new DotNetRuntimeSource();
        var observer = new NullObserver();
        source.Poll(0, observer);

        var tick = 1L;
        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 100; i++, tick++)
            {
                source.Poll(tick, observer);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
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
