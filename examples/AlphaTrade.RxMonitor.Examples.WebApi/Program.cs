using System.Diagnostics;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Hosting;

// An ASP.NET Core minimal API that embeds the monitor: it records each request's latency, a configured rule
// alerts when it is high, and the monitor's endpoints (/metrics, /health, /alerts, /api/...) and its dashboard
// are mapped onto the app's own routes under /rxmon (the page at /rxmon/). The SQLite store (alert history and the
// dashboard's charts) plugs in from AlphaTrade.RxMonitor.Sqlite: rxmonitor.db, or RxMonitor:Sqlite:Path
// (e.g. RxMonitor__Sqlite__Path=webapi.db).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRxMonitor(builder.Configuration.GetSection("RxMonitor")).UseSqliteStore();

var app = builder.Build();
var ingest = app.Services.GetRequiredService<MetricIngest>();
var latency = SeriesKey.Create("http_request_duration_ms", new Label("route", "/orders"));

app.MapGet("/orders/{id:int}", (int id) =>
{
    var started = Stopwatch.GetTimestamp();
    var order = new { id, status = "filled" };
    ingest.Record(latency, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    return Results.Ok(order);
});
app.MapGroup("/rxmon").MapRxMonitor();

await app.RunAsync();
