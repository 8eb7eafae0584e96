using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>Real threads, asserting only on counts and order, never on timing (rings of 16,384 grow from their first 256 slots while drained).</summary>
public sealed class MetricIngestConcurrencyTests
{
    private const int PerWriter = 200_000;

    [Theory]
    [InlineData(IngestFullMode.DropNewest, 64)]
    [InlineData(IngestFullMode.DropOldest, 64)]
    [InlineData(IngestFullMode.DropNewest, 16_384)]
    [InlineData(IngestFullMode.DropOldest, 16_384)]
    public void Drain_ConcurrentWritersOnSmallOrGrowingQueues_DeliversEachAcceptedSampleOnceInWriterOrder(IngestFullMode mode, int capacity)
    {
        var ingest = new MetricIngest(new IngestOptions { CapacityPerWriter = capacity, FullMode = mode, MaxBatch = 16 }, TimeProvider.System);
        var keys = Enumerable.Range(0, 3).Select(i => SeriesKey.Create("w", new Label("writer", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var lastSeen = keys.ToDictionary(k => k, _ => -1.0);
        var delivered = 0L;
        var outOfOrder = 0;
        ingest.Samples.Subscribe(s =>
        {
            if (s.Value <= lastSeen[s.Key])
            {
                outOfOrder++;
            }

            lastSeen[s.Key] = s.Value;
            delivered++;
        });

        var writers = keys.Select(key => new Thread(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                ingest.Record(key, i, i);
            }
        })).ToList();
        writers.ForEach(w => w.Start());
        while (writers.Exists(w => w.IsAlive))
        {
            ingest.Drain();
        }

        while (ingest.Drain() > 0)
        {
        }

        var statistics = ingest.GetStatistics();
        Assert.Equal(0, outOfOrder);
        Assert.Equal(3L * PerWriter, statistics.Accepted + (mode == IngestFullMode.DropNewest ? statistics.Dropped : 0));
        Assert.Equal(statistics.Accepted - (mode == IngestFullMode.DropOldest ? statistics.Dropped : 0), delivered);
        Assert.Equal(0, statistics.QueueDepth);
    }
}
