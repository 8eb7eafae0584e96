using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("dotnet.gc.pause.time", "s", true, "dotnet_gc_pause_time_seconds_total")]
    [InlineData("dotnet.gc.collections", "{collection}", true, "dotnet_gc_collections_total")]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("process.memory.usage", "By", false, "process_memory_usage_bytes")]
    [InlineData("queue_wait_seconds", "s", false, "queue_wait_seconds")]
    [InlineData("2fa.attempts", null, true, "_2fa_attempts_total")]
    public void MetricName_OpenTelemetryInstrument_FollowsPrometheusConventions(string name, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, counter));

    [Theory]
    [InlineData("rxmonitor.ingest.samples.accepted", "{sample}", true, "rxmonitor_ingest_samples_accepted_total")]
    [InlineData("rxmonitor.ingest.handoff.lag", "s", false, "rxmonitor_ingest_handoff_lag_seconds")]
    [InlineData("cache.hit", "1", false, "cache_hit")]
    [InlineData("retries", "1", true, "retries_total")]
    [InlineData("room.temperature", "Cel", false, "room_temperature_celsius")]
    [InlineData("request.latency", "ms", false, "request_latency_milliseconds")]
    [InlineData("ns:job.rate", null, false, "ns:job_rate")]
    public void MetricName_UnitsOfBothFormerConverters_MapToTheirBaseUnitWords(string name, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, counter));

    [Theory]
    [InlineData("gc.heap.generation", "gc_heap_generation")]
    [InlineData("__reserved", "tag__reserved")]
    [InlineData("a:b", "a_b")]
    public void LabelName_TagKey_IsAValidLabelName(string tag, string expected) =>
        Assert.Equal(expected, PrometheusNaming.LabelName(tag));
}
