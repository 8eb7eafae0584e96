using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>
/// One database a host watches (<c>RxMonitor:Sources:Databases</c> items): its provider builds the sources of the
/// database's figures (pool, probe query, locks, storage, up), all labelled <c>db</c> = <see cref="Name"/>.
/// </summary>
public sealed class DatabaseSourceOptions : IValidatableOptions
{
    /// <summary>The default <see cref="Probe"/>: <c>SELECT 1</c>.</summary>
    public const string DefaultProbe = "SELECT 1";

    /// <summary>The default <see cref="Interval"/>: 15 seconds (the rules' evaluation interval).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    /// <summary>The <c>db</c> label value, e.g. <c>orders</c>. Required, unique among the databases.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The provider's name, e.g. <c>sqlite</c> or <c>postgresql</c> (<see cref="IDatabaseSourceProvider.Name"/>). Required.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The provider's connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The probe query, timed every poll. Default <c>SELECT 1</c>.</summary>
    public string Probe { get; set; } = DefaultProbe;

    /// <summary>Time between polls of this database's sources. Default 15 seconds; at least 1 second.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>Lists every problem of this database that needs no provider, each with its configuration key.</summary>
    /// <param name="path">The database's key, e.g. <c>RxMonitor:Sources:Databases:0</c>.</param>
    /// <param name="problems">Where to add each problem (the provider checks the connection string).</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(path.Key(nameof(Name)), "required (the db label of its series).");
        }

        if (string.IsNullOrWhiteSpace(Provider))
        {
            problems.Add(path.Key(nameof(Provider)), "required (sqlite or postgresql).");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add(path.Key(nameof(ConnectionString)), "required.");
        }

        if (string.IsNullOrWhiteSpace(Probe))
        {
            problems.Add(path.Key(nameof(Probe)), $"must not be empty (default {DefaultProbe}).");
        }

        if (Interval < TimeSpan.FromSeconds(1))
        {
            problems.Add(path.Key(nameof(Interval)), $"must be at least 1s (was {Interval}).");
        }
    }
}
