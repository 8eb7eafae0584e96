using System.Data.Common;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>Options of a <see cref="DatabaseMetrics"/>.</summary>
public sealed class DatabaseMetricsOptions : IValidatableOptions
{
    /// <summary>The <c>db</c> label value, e.g. <c>trading</c>. Required.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The pool's maximum size, for <c>db_pool_usage_percent</c>. Default 100 (Npgsql's and SqlClient's
    /// default; Microsoft.Data.Sqlite's pool has no maximum, so set the figure your application allows).
    /// </summary>
    public int MaxPoolSize { get; set; } = 100;

    /// <summary>
    /// Exact pool figures for providers that expose them; when <see langword="null"/> (the default) they
    /// are derived from the instrumented connections (see <see cref="DatabaseMetrics"/>).
    /// </summary>
    public Func<ConnectionPoolUsage>? PoolUsage { get; set; }

    /// <summary>
    /// Whether an exception is lock contention (SQLite BUSY/LOCKED, PostgreSQL 40P01/55P03, …). Default: a
    /// <see cref="DbException"/> whose SQL state is <c>40001</c>, <c>40P01</c> or <c>55P03</c>, or whose message
    /// says the database is locked or busy.
    /// </summary>
    public Func<Exception, bool> IsLockContention { get; set; } = DefaultIsLockContention;

    /// <summary>Most distinct normalized statements tracked; further ones are counted under <c>statement="other"</c>. Default 200.</summary>
    public int MaxStatements { get; set; } = 200;

    /// <summary>Command-duration quantiles reported per poll interval. Default 0.5, 0.95, 0.99.</summary>
    public IList<double> Quantiles { get; } = [0.5, 0.95, 0.99];

    /// <summary>Where the problems of options given in code are reported (these options have no configuration key): <c>DatabaseMetricsOptions:MaxPoolSize</c>.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("DatabaseMetricsOptions");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(path.Key(nameof(Name)), "is required (the db label).");
        }

        if (MaxPoolSize < 1)
        {
            problems.Add(path.Key(nameof(MaxPoolSize)), $"must be at least 1, was {MaxPoolSize}.");
        }

        if (MaxStatements < 1)
        {
            problems.Add(path.Key(nameof(MaxStatements)), $"must be at least 1, was {MaxStatements}.");
        }

        if (IsLockContention is null)
        {
            problems.Add(path.Key(nameof(IsLockContention)), "is required.");
        }

        for (var i = 0; i < Quantiles.Count; i++)
        {
            if (Quantiles[i] is < 0 or > 1 || double.IsNaN(Quantiles[i]))
            {
                problems.Add(path.Key(nameof(Quantiles)).Index(i), $"must be within 0..1, was {Quantiles[i]}.");
            }
        }
    }

    private static bool DefaultIsLockContention(Exception error) =>
        error is DbException db && (db.SqlState is "40001" or "40P01" or "55P03"
            || db.Message.Contains("database is locked", StringComparison.OrdinalIgnoreCase)
            || db.Message.Contains("database table is locked", StringComparison.OrdinalIgnoreCase)
            || db.Message.Contains("busy", StringComparison.OrdinalIgnoreCase));
}
