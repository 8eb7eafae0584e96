using System.Diagnostics;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Latency from <c>Record</c> on a producer thread to the rule's alert event on the pipeline, at a paced
/// 200k samples/s over 200 series. Every 100th sample breaches a threshold on a rotating series (the next
/// sample of that series recovers), and the time from its <c>Record</c> call to its Firing event is recorded. The mean time of an
/// operation is just the pacing (5 s); the figures are the distribution over the measured iterations (after
/// warm-up), printed at the end of the run (p50/p90/p99/p99.9/max, and the gen0 collections and the consumer's parks
/// meanwhile), also
/// written to <c>BenchmarkDotNet.Artifacts/latency.txt</c>.
/// The floor row, <see cref="PacedBareRingFloor"/>, runs the same paced producer through a bare single-producer
/// ring to a bare spinning consumer thread (no ingest, no rules, no subscribers): on a small VM the kernel's own
/// preemption sets that floor, so our figures read against it, in the same run.
/// </summary>
[MemoryDiagnoser]
public class RecordToAlertLatencyBenchmarks
{
    private const int SamplesPerSecond = 200_000;
    // Five seconds per operation, so what happens around an operation's start (BenchmarkDotNet collects garbage
    // between iterations) weighs little against the steady stream.
    private const int SamplesPerOperation = 5 * SamplesPerSecond;
    private const int TriggerEvery = 100;
    private const double Breach = 1_000_000;

    // The distribution is taken over the last iterations: BenchmarkDotNet's measured ones under `--job short` (3).
    private const int MeasuredIterations = 3;
    private readonly LatencyHistogram _histogram = new();
    private SeriesKey[] _keys = [];
    private long[] _recordedAt = [];
    private IngestPipeline? _pipeline;
    private BareSpscRing? _floor;
    private string _title = "Record->alert latency";

    /// <summary>Whether the consumer spins on a core instead of parking when idle.</summary>
    [Params(false, true)]
    public bool DedicatedSpinningConsumer { get; set; }

    [GlobalSetup(Target = nameof(PacedRecordToAlert))]
    public void Setup()
    {
        _keys = HotPathWorkload.CreateKeys();
        _recordedAt = new long[SamplesPerOperation / TriggerEvery];
        var rule = new AlertRule("Breach", SeriesSelector.Parse("order_latency_us"), new ThresholdDetector(ThresholdCondition.Above(Breach - 1)))
        {
            Severity = Severity.Critical,
        };
        _pipeline = new IngestPipeline([rule], DedicatedSpinningConsumer, OnAlert);
        _title = $"Record->alert latency, paced {SamplesPerSecond}/s, spinning consumer={DedicatedSpinningConsumer}";
    }

    [GlobalSetup(Target = nameof(PacedBareRingFloor))]
    public void SetupFloor()
    {
        _recordedAt = new long[SamplesPerOperation / TriggerEvery];
        _floor = new BareSpscRing(OnFloorTrigger);
        _title = $"Floor (bare SPSC ring -> spinning bare consumer), paced {SamplesPerSecond}/s, param spinning consumer={DedicatedSpinningConsumer} (unused)";
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline?.Dispose();
        _floor?.Dispose();
        var line = _histogram.Describe(_title, MeasuredIterations);
        Console.WriteLine("// " + line);
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        File.AppendAllText(Path.Combine("BenchmarkDotNet.Artifacts", "latency.txt"), line + Environment.NewLine);
    }

    [Benchmark]
    public void PacedRecordToAlert()
    {
        var ingest = _pipeline!.Ingest;
        _histogram.StartIteration(ingest.GetStatistics().ConsumerParks);
        var interval = Stopwatch.Frequency / SamplesPerSecond;
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < SamplesPerOperation; i++)
        {
            while (Stopwatch.GetTimestamp() < next)
            {
                Thread.SpinWait(1);
            }

            next += interval;
            if (i % TriggerEvery == 0)
            {
                // Triggers rotate over the series, so each one's alert has resolved (on its next normal sample)
                // before that series breaches again.
                var trigger = i / TriggerEvery;
                _recordedAt[trigger] = Stopwatch.GetTimestamp();
                ingest.Record(_keys[trigger % _keys.Length], Breach + trigger);
            }
            else
            {
                ingest.Record(_keys[i % _keys.Length], 1);
            }
        }

        _pipeline.WaitUntilDelivered();
        _histogram.EndIteration(ingest.GetStatistics().ConsumerParks);
    }

    [Benchmark]
    public void PacedBareRingFloor()
    {
        _histogram.StartIteration(0);
        var ring = _floor!;
        var interval = Stopwatch.Frequency / SamplesPerSecond;
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < SamplesPerOperation; i++)
        {
            while (Stopwatch.GetTimestamp() < next)
            {
                Thread.SpinWait(1);
            }

            next += interval;
            if (i % TriggerEvery == 0)
            {
                var trigger = i / TriggerEvery;
                _recordedAt[trigger] = Stopwatch.GetTimestamp();
                ring.TryWrite(trigger);
            }
            else
            {
                ring.TryWrite(-1);
            }
        }

        ring.WaitUntilDrained();
        _histogram.EndIteration(0);
    }

    private void OnFloorTrigger(long trigger) => _histogram.Add(Stopwatch.GetTimestamp() - _recordedAt[trigger]);

    private void OnAlert(AlertEvent alert)
    {
        if (alert.State == AlertState.Firing)
        {
            var arrived = Stopwatch.GetTimestamp();
            _histogram.Add(arrived - _recordedAt[(int)(alert.Value - Breach)]);
        }
    }
}
