using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>Sources are producers: they poll on their own timers and write through Record.</summary>
public sealed class SourceRecordingTests
{
    private static readonly SeriesKey Steady = SeriesKey.Create("steady");
    private static readonly SeriesKey Hung = SeriesKey.Create("hung_mount_free_bytes");

    [Fact]
    public void RecordTo_InVirtualTime_RecordsEachPollStampedWithItsTime()
    {
        var scheduler = new TestScheduler();
        var time = scheduler.AsTimeProvider();
        var ingest = new MetricIngest(new IngestOptions(), time);
        var received = new List<MetricSample>();
        ingest.Samples.Subscribe(received.Add);
        var options = new SourcePollingOptions { Interval = TimeSpan.FromSeconds(10) };

        using var polling = new IMetricSource[] { DelegateSource.Constant("steady", Steady, 1) }.RecordTo(ingest, time, options, new RecordingFailureListener());
        scheduler.AdvanceBy(TimeSpan.FromSeconds(25).Ticks);
        ingest.Drain();

        // The first poll is due at once (TestScheduler runs due-now work one tick later), then every 10 s.
        var first = received[0].TimestampTicks;
        Assert.InRange(first, 0, 1);
        Assert.Equal([first, first + TimeSpan.FromSeconds(10).Ticks, first + TimeSpan.FromSeconds(20).Ticks], received.Select(s => s.TimestampTicks));
    }

    [Fact]
    public void RecordTo_InVirtualTime_DoesNotPollBeforeTheClockRuns()
    {
        var scheduler = new TestScheduler();
        var time = scheduler.AsTimeProvider();
        var ingest = new MetricIngest(new IngestOptions(), time);
        var source = DelegateSource.Constant("steady", Steady, 1);

        using var polling = new IMetricSource[] { source }.RecordTo(ingest, time, new SourcePollingOptions(), new RecordingFailureListener());

        Assert.Equal(0, source.Polls);
    }

    [Fact]
    public async Task RecordTo_OneSourceBlocks_TheOthersKeepRecording()
    {
        using var release = new ManualResetEventSlim(false);
        var blocked = 0;
        var hung = new DelegateSource("hung", (_, t, o) =>
        {
            Interlocked.Exchange(ref blocked, 1);

            // A statvfs on a hung mount: blocks up to 10 s (released by the test as soon as it has seen enough).
            release.Wait(TimeSpan.FromSeconds(10));
            o.OnNext(new MetricSample(Hung, t, 1));
        });
        var steady = DelegateSource.Constant("steady", Steady, 1);
        var ingest = new MetricIngest(new IngestOptions(), TimeProvider.System);
        var steadySamples = 0;
        var hungSamples = 0;
        ingest.Samples.Subscribe(s =>
        {
            if (s.Key == Steady)
            {
                steadySamples++;
            }
            else
            {
                hungSamples++;
            }
        });
        var options = new SourcePollingOptions { Interval = TimeSpan.FromMilliseconds(10) };

        using (new IMetricSource[] { hung, steady }.RecordTo(ingest, TimeProvider.System, options, new RecordingFailureListener()))
        {
            try
            {
                await Eventually.TrueAsync(
                    () =>
                    {
                        ingest.Drain();
                        return Volatile.Read(ref blocked) == 1 && steadySamples >= 5;
                    },
                    "five polls of the steady source while the other one blocks");
            }
            finally
            {
                release.Set();
            }
        }

        Assert.Equal(0, hungSamples);
        Assert.True(steadySamples >= 5);
    }
}
