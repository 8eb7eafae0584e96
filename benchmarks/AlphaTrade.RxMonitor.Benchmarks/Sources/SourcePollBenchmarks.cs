using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Meters;
using AlphaTrade.RxMonitor.Sources.Parsing;
using AlphaTrade.RxMonitor.Sources.Runtime;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.Sources;

/// <summary>
/// One poll of the default system sources on this machine's real /proc, and of every default source (system,
/// direct .NET runtime, application instrumentation and background tasks), against a baseline that only reads
/// the same /proc files into reused buffers (the I/O floor); and the System.Runtime meter bridge on its own.
/// </summary>
[MemoryDiagnoser]
public class SourcePollBenchmarks
{
    private static readonly string[] s_files =
    [
        "/proc/stat", "/proc/loadavg", "/proc/meminfo", "/proc/self/mounts", "/proc/diskstats", "/proc/net/dev",
        "/proc/sys/fs/file-nr", "/proc/self/limits",
    ];

    private readonly CountingObserver _observer = new();
    private IReadOnlyList<IMetricSource> _sources = [];
    private IMetricSource[] _allDefaults = [];
    private ProcFile[] _files = [];
    private MeterSource? _runtime;
    private long _ticks;

    [GlobalSetup]
    public void Setup()
    {
        _sources = LinuxSystemSources.CreateDefaults();
        var application = new ApplicationMetrics(TimeProvider.System);
        application.Operation("place-order").Record(TimeSpan.FromMilliseconds(1));
        application.Queue("outbound").Set(3);
        application.Data("snapshot").MarkFresh();
        var tasks = new BackgroundTaskMonitor(TimeProvider.System);
        tasks.Register("reconcile", TimeSpan.FromMinutes(1)).ReportSuccess();
        _allDefaults = [.. _sources, new DotNetRuntimeSource(), application, tasks];
        _files = [.. s_files.Select(f => new ProcFile(f))];
        var options = new MeterSourceOptions();
        options.Meters.Add("System.Runtime");
        _runtime = new MeterSource(options);
        for (var i = 0; i < 3; i++)
        {
            PollSystemSources();
            PollAllDefaultSources();
            ReadProcFilesOnly();
            PollRuntimeMeter();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var source in _allDefaults)
        {
            (source as IDisposable)?.Dispose();
        }

        foreach (var file in _files)
        {
            file.Dispose();
        }

        _runtime?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int ReadProcFilesOnly()
    {
        var bytes = 0;
        foreach (var file in _files)
        {
            bytes += file.Read().Length;
        }

        return bytes;
    }

    [Benchmark]
    public long PollSystemSources()
    {
        _ticks += TimeSpan.TicksPerSecond;
        foreach (var source in _sources)
        {
            source.Poll(_ticks, _observer);
        }

        return _observer.Count;
    }

    [Benchmark]
    public long PollAllDefaultSources()
    {
        _ticks += TimeSpan.TicksPerSecond;
        foreach (var source in _allDefaults)
        {
            source.Poll(_ticks, _observer);
        }

        return _observer.Count;
    }

    [Benchmark]
    public long PollRuntimeMeter()
    {
        _ticks += TimeSpan.TicksPerSecond;
        _runtime!.Poll(_ticks, _observer);
        return _observer.Count;
    }

    private sealed class CountingObserver : IObserver<MetricSample>
    {
        public long Count { get; private set; }

        public void OnNext(MetricSample value) => Count++;

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
