using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>
/// A database provider that connects to nothing: its one source writes <c>fake_polls{db}</c> (the poll count), or throws
/// when the connection string is <c>down</c>; it rejects connection strings containing <c>bad</c>.
/// </summary>
internal sealed class FakeDatabaseProvider(string name = "fake") : IDatabaseSourceProvider
{
    public string Name { get; } = name;

    public List<DatabaseSourceOptions> Created { get; } = [];

    public List<TimeProvider> Clocks { get; } = [];

    public IReadOnlyList<ConfigurationProblem> Validate(DatabaseSourceOptions options, KeyPath path) =>
        options.ConnectionString.Contains("bad", StringComparison.Ordinal) ? [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), $"rejected by {Name}.")] : [];

    public MonitoredDatabase Create(DatabaseSourceOptions options, TimeProvider timeProvider)
    {
        Created.Add(options);
        Clocks.Add(timeProvider);
        var metrics = new DatabaseMetrics(new DatabaseMetricsOptions { Name = options.Name }, timeProvider);
        return new MonitoredDatabase(metrics, [new CountingSource(options.Name, options.ConnectionString == "down")], options.Interval);
    }

    private sealed class CountingSource(string database, bool down) : IMetricSource
    {
        private readonly SeriesKey _key = SeriesKey.Create("fake_polls", new Label("db", database));
        private int _polls;

        public string Name => "fake." + database;

        public void Poll(long timestampTicks, IObserver<MetricSample> observer)
        {
            _polls++;
            if (down)
            {
                throw new InvalidOperationException($"{database} is down");
            }

            observer.OnNext(new MetricSample(_key, timestampTicks, _polls));
        }
    }
}
