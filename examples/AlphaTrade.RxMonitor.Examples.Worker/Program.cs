using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Examples.Worker;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Metrics;

// A worker service that embeds the monitor: rules and sinks come from appsettings.json's RxMonitor section,
// plus a custom detector written as an Rx query, and the worker records its own queue depth.
var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddRxMonitor(builder.Configuration.GetSection("RxMonitor"))
    .AddDetectorRule(
        "QueueBacklogGrowing",
        SeriesSelector.Parse("worker_queue_depth"),
        static samples => samples
            .Buffer(3, 1)
            .Where(static w => w.Count == 3)
            .Select(static w => w[0].Value < w[1].Value && w[1].Value < w[2].Value && w[2].Value > 50
                ? DetectorSignal.Breached(w[2].Key, new DateTimeOffset(w[2].TimestampTicks, TimeSpan.Zero), w[2].Value, Severity.Warning)
                : DetectorSignal.Normal(w[2].Key, new DateTimeOffset(w[2].TimestampTicks, TimeSpan.Zero), w[2].Value)));
builder.Services.AddHostedService<QueueWorker>();

await builder.Build().RunAsync();
