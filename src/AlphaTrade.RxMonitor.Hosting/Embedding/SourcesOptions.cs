using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// The <c>RxMonitor:Sources</c> section: how the built-in sources are polled, plus the TCP endpoints and the
/// databases to watch.
/// </summary>
/// <remarks>
/// <see cref="Interval"/>, <see cref="InitialDelay"/>, <see cref="InitialBackoff"/> and <see cref="MaxBackoff"/> are
/// those of <see cref="SourcePollingOptions"/> (the endpoints are polled with them too); each database has its own
/// interval (<see cref="DatabaseSourceOptions.Interval"/>) and shares the back-off.
/// </remarks>
public sealed class SourcesOptions : IValidatableOptions
{
    /// <summary>Time between polls. Default 1 second (see <see cref="SourcePollingOptions.Interval"/>).</summary>
    public TimeSpan Interval { get => Polling.Interval; set => Polling.Interval = value; }

    /// <summary>Delay before the first poll. Default zero (see <see cref="SourcePollingOptions.InitialDelay"/>).</summary>
    public TimeSpan InitialDelay { get => Polling.InitialDelay; set => Polling.InitialDelay = value; }

    /// <summary>Delay after the first failed poll, doubling up to <see cref="MaxBackoff"/>. Default 1 second.</summary>
    public TimeSpan InitialBackoff { get => Polling.InitialBackoff; set => Polling.InitialBackoff = value; }

    /// <summary>Longest delay between retries of a failing source. Default 1 minute.</summary>
    public TimeSpan MaxBackoff { get => Polling.MaxBackoff; set => Polling.MaxBackoff = value; }

    /// <summary>TCP endpoints whose connect latency is probed every <see cref="Interval"/>. Default none.</summary>
    public List<TcpEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Databases whose figures are polled, each every its own interval. Default none.</summary>
    public List<DatabaseSourceOptions> Databases { get; set; } = [];

    /// <summary>The polling options of the built-in sources.</summary>
    internal SourcePollingOptions Polling { get; } = new();

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        Polling.Validate(path, problems);
    }

    /// <summary>Adds every problem of the endpoints and databases (names unique, each item valid, a known provider), each with its key.</summary>
    /// <param name="path">The section's key, <c>RxMonitor:Sources</c>.</param>
    /// <param name="providers">The database providers available here.</param>
    /// <param name="problems">Where to add each problem.</param>
    internal void ValidateTargets(KeyPath path, IReadOnlyCollection<IDatabaseSourceProvider> providers, ICollection<ConfigurationProblem> problems)
    {
        path = path.Of(this);
        var endpoints = path.Key(nameof(Endpoints));
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var item = endpoints.Index(i);
            Endpoints[i].Validate(item, problems);
            if (Repeats(Endpoints, i, static e => e.Name) is { } first)
            {
                problems.Add(item.Of(Endpoints[i]).Key(nameof(TcpEndpointOptions.Name)), $"'{Endpoints[i].Name}' is already the name of {endpoints.Index(first)}.");
            }
        }

        var databases = path.Key(nameof(Databases));
        for (var i = 0; i < Databases.Count; i++)
        {
            var item = databases.Index(i);
            var database = Databases[i];
            var own = database.Problems(item);
            foreach (var problem in own)
            {
                problems.Add(problem);
            }

            var at = item.Of(database);
            if (Repeats(Databases, i, static d => d.Name) is { } first)
            {
                problems.Add(at.Key(nameof(DatabaseSourceOptions.Name)), $"'{database.Name}' is already the name of {databases.Index(first)}.");
            }

            if (string.IsNullOrWhiteSpace(database.Provider))
            {
                continue;
            }

            if (Provider(providers, database.Provider) is not { } provider)
            {
                var known = providers.Count == 0 ? "none is registered" : "known: " + string.Join(", ", providers.Select(static p => p.Name));
                problems.Add(at.Key(nameof(DatabaseSourceOptions.Provider)), $"'{database.Provider}' is not a database provider here ({known}).");
            }
            else if (own.Count == 0)
            {
                foreach (var problem in provider.Validate(database, item))
                {
                    problems.Add(problem);
                }
            }
        }
    }

    /// <summary>The provider named <paramref name="name"/> (ignoring case), or null.</summary>
    internal static IDatabaseSourceProvider? Provider(IReadOnlyCollection<IDatabaseSourceProvider> providers, string name) =>
        providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static int? Repeats<T>(List<T> items, int index, Func<T, string> name)
    {
        var own = name(items[index]);
        if (string.IsNullOrWhiteSpace(own))
        {
            return null;
        }

        for (var i = 0; i < index; i++)
        {
            if (string.Equals(name(items[i]), own, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
