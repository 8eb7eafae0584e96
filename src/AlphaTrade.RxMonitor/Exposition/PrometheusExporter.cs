using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sources.Meters;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>
/// Renders the Prometheus text exposition (format 0.0.4) of every live series in a <see cref="LatestValueStore"/>
/// and of the instruments of a <see cref="Meter"/> (the pipeline's own metrics), for a <c>/metrics</c> endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Series of the store are written as gauges, or as counters when their name ends in <c>_total</c>, with a
/// generic help text unless <see cref="Describe"/> gave them one. The meter is read at each scrape through the one
/// bridge from instruments to series, <see cref="MeterSource"/> (so the pipeline's own figures never wait for, or
/// queue behind, the ingest they describe): instruments are converted to Prometheus names
/// (<c>rxmonitor.ingest.samples.accepted</c> → <c>rxmonitor_ingest_samples_accepted_total</c>) with their
/// descriptions as help; an observable callback that throws leaves out only its own series. When a store series
/// has the name of a meter family, the meter family wins. Output is
/// sorted (families by name, samples by labels), so equal state renders equal text; stale series are omitted
/// (see <see cref="LatestValueStore.Staleness"/>); timestamps are written only when
/// <see cref="IncludeTimestamps"/> is set (Prometheus then uses them instead of the scrape time).
/// </para>
/// <para>Thread-safe: concurrent scrapes are allowed. Allocates per scrape, never per sample.</para>
/// </remarks>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the output: <c>text/plain; version=0.0.4; charset=utf-8</c>.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const int ChunkChars = 8192;
    private readonly LatestValueStore? _store;
    private readonly MeterSource? _meter;
    private readonly Lock _gate = new();
    private readonly Lock _meterGate = new();
    private Dictionary<string, (PrometheusMetricType Type, string Help)> _descriptions = new(StringComparer.Ordinal);

    /// <summary>Creates an exporter.</summary>
    /// <param name="store">The series to expose; <see langword="null"/> for none.</param>
    /// <param name="meter">The meter whose instruments to expose, usually <c>PipelineMetrics.Meter</c>; <see langword="null"/> for none.</param>
    public PrometheusExporter(LatestValueStore? store, Meter? meter)
    {
        _store = store;
        _meter = meter is null ? null : new MeterSource(meter);
    }

    /// <summary>Whether samples carry their timestamp (milliseconds since the Unix epoch). Default <see langword="false"/>.</summary>
    public bool IncludeTimestamps { get; init; }

    /// <summary>Gives the store's series named <paramref name="metricName"/> a type and help text.</summary>
    /// <param name="metricName">The metric name.</param>
    /// <param name="type">The type.</param>
    /// <param name="help">The help text.</param>
    /// <exception cref="ArgumentException">
    /// The name is not a valid metric name, or it ends in <c>_total</c> and the type is not a counter, or the other way round
    /// (Prometheus's naming rules, which <c>promtool check metrics</c> enforces).
    /// </exception>
    public void Describe(string metricName, PrometheusMetricType type, string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        if (!MetricNames.IsValidMetricName(metricName))
        {
            throw new ArgumentException($"'{metricName}' is not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(metricName));
        }

        if (type == PrometheusMetricType.Counter && !metricName.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Counter '{metricName}' must end in _total.", nameof(metricName));
        }

        if (type != PrometheusMetricType.Counter && metricName.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{metricName}' ends in _total, which Prometheus reserves for counters.", nameof(metricName));
        }

        lock (_gate)
        {
            _descriptions = new(_descriptions, StringComparer.Ordinal) { [metricName] = (type, help) };
        }
    }

    /// <summary>Renders the exposition text.</summary>
    /// <returns>The text, every line ending in a new line.</returns>
    public string Render()
    {
        var text = new StringBuilder();
        PrometheusTextWriter.Write(text, CollectFamilies());
        return text.ToString();
    }

    /// <summary>Writes the exposition text to <paramref name="stream"/> as UTF-8.</summary>
    /// <param name="stream">The destination, e.g. an HTTP response body.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task that completes when everything is written.</returns>
    /// <remarks>
    /// The text is built in chunks and encoded chunk by chunk through one pooled buffer, so a large scrape never
    /// allocates a large-object-heap string (which would cost a full garbage collection per scrape).
    /// </remarks>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var text = new StringBuilder();
        PrometheusTextWriter.Write(text, CollectFamilies());
        // One stateful encoder across chunks: a surrogate pair split by a chunk boundary is carried over, not mangled.
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(ChunkChars + 1));
        try
        {
            foreach (var chunk in text.GetChunks())
            {
                for (var offset = 0; offset < chunk.Length; offset += ChunkChars)
                {
                    var part = chunk.Slice(offset, Math.Min(ChunkChars, chunk.Length - offset));
                    var count = encoder.GetBytes(part.Span, buffer, flush: false);
                    await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                }
            }

            var rest = encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer, flush: true);
            if (rest > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, rest), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stops listening to the meter.</summary>
    public void Dispose() => _meter?.Dispose();

    private List<MetricFamily> CollectFamilies()
    {
        var families = MeterFamilies();
        if (_store is null)
        {
            return families;
        }

        var byName = families.ToDictionary(static f => f.Name, StringComparer.Ordinal);
        var taken = new HashSet<string>(byName.Keys, StringComparer.Ordinal);
        var descriptions = Volatile.Read(ref _descriptions);
        foreach (var sample in _store.Snapshot())
        {
            var name = sample.Key.Name;
            if (!byName.TryGetValue(name, out var family))
            {
                family = descriptions.TryGetValue(name, out var d)
                    ? new MetricFamily(name, d.Type, d.Help)
                    : new MetricFamily(
                        name,
                        name.EndsWith("_total", StringComparison.Ordinal) ? PrometheusMetricType.Counter : PrometheusMetricType.Gauge,
                        $"Latest value of {name} seen by RxMonitor.");
                byName.Add(name, family);
                families.Add(family);
            }
            else if (taken.Contains(name))
            {
                continue;
            }

            family.Samples.Add(new FamilySample(sample.Key.Labels, sample.Value, IncludeTimestamps ? sample.TimestampTicks : null));
        }

        return families;
    }

    private List<MetricFamily> MeterFamilies()
    {
        if (_meter is null)
        {
            return [];
        }

        var samples = new SampleList();
        lock (_meterGate)
        {
            // A throwing observable callback has left out only its own series; the scrape shows the rest.
            _ = _meter.Collect(0, samples);
        }

        var byName = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        foreach (var sample in samples.Samples)
        {
            var name = sample.Key.Name;
            if (!byName.TryGetValue(name, out var family))
            {
                family = _meter.TryDescribe(name, out var isCounter, out var help)
                    ? new MetricFamily(name, isCounter ? PrometheusMetricType.Counter : PrometheusMetricType.Gauge, help)
                    : new MetricFamily(name, PrometheusMetricType.Gauge, $"{name} seen by RxMonitor's meter.");
                byName.Add(name, family);
            }

            family.Samples.Add(new FamilySample(sample.Key.Labels, sample.Value, null));
        }

        return [.. byName.Values];
    }

    private sealed class SampleList : IObserver<MetricSample>
    {
        public List<MetricSample> Samples { get; } = [];

        public void OnNext(MetricSample value) => Samples.Add(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
