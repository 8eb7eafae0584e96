using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Sqlite.Health;

namespace AlphaTrade.RxMonitor.Sqlite;

/// <summary>Options of the SQLite store: file, durability, write batching, retention and size limit.</summary>
/// <remarks>
/// Plain settable properties with documented defaults; <see cref="Validate"/> lists every problem at once,
/// each at its configuration key (<c>RxMonitor:Sqlite:BatchSize</c>, …).
/// </remarks>
public sealed class SqliteStoreOptions : IValidatableOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sqlite";

    private static readonly TimeSpan MaxTimerPeriod = TimeSpan.FromDays(49);

    /// <summary>The database file. Default <c>rxmonitor.db</c>; its directory is created when missing.</summary>
    public string Path { get; set; } = "rxmonitor.db";

    /// <summary>
    /// Opens an existing store for queries only (what a read command such as <c>rxmon alerts</c> needs): the file is
    /// never created, migrated or written, and a missing, empty, foreign, corrupt or older-schema file makes the store
    /// Unhealthy with a description naming it. Default <see langword="false"/>.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>Durability of a commit. Default <see cref="SqliteSynchronousMode.Normal"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>Capacity of the write queue; a write that finds it full is dropped and counted. Default 65,536.</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>
    /// The most writes committed in one transaction. Default 16,384: a writer that fell behind catches up in
    /// large batches, which write roll-ups in key order and cost fewer page writes per row.
    /// </summary>
    public int BatchSize { get; set; } = 16_384;

    /// <summary>
    /// How long the writer waits for more writes before it commits a batch smaller than <see cref="BatchSize"/>.
    /// Default 100 ms; <see cref="TimeSpan.Zero"/> commits as soon as the queue is empty.
    /// </summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long 10-second roll-ups are kept. Default 2 days. Deleted a segment at a time, a bucket may stay up to one chunk (1 hour) longer.</summary>
    public TimeSpan TenSecondRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long 1-minute roll-ups are kept. Default 35 days. Deleted a segment at a time, a bucket may stay up to one chunk (6 hours) longer.</summary>
    public TimeSpan OneMinuteRetention { get; set; } = TimeSpan.FromDays(35);

    /// <summary>How long 1-hour roll-ups are kept. Default 400 days. Deleted a segment at a time, a bucket may stay up to one chunk (15 days) longer.</summary>
    public TimeSpan OneHourRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How long alert transitions, notifications, resolved alerts and expired silences are kept. Default 90 days.
    /// </summary>
    public TimeSpan AlertHistoryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// The most bytes the database may use; above it the oldest data is deleted (finest resolution first)
    /// and the space reclaimed. Default 1 GiB; 0 means no limit.
    /// </summary>
    public long MaxDatabaseBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Whether each roll-up bucket carries a quantile sketch (<c>RollupPoint.Quantile</c>). Default
    /// <see langword="true"/>. The roll-up writer keeps one sketch per series and resolution for the series'
    /// lifetime (about 1.2 KB each at first, more for values spanning many orders of magnitude); with very
    /// many series, turning sketches off saves that memory and about a third of the write time, and
    /// quantiles over roll-ups read as NaN.
    /// </summary>
    public bool RollupSketches { get; set; } = true;

    /// <summary>How often retention and the size limit are enforced, on the store's time provider. Default 5 minutes; at most 49 days.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after a queue overflow the store reports <see cref="HealthStatus.Degraded"/>. Default 1 minute.
    /// </summary>
    public TimeSpan DegradedAfterDropFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Called on the writer task after each committed transaction, with the statistics at that moment
    /// (e.g. to learn the last committed transition id). Exceptions it throws are reported and ignored.
    /// </summary>
    public Action<SqliteStoreStatistics>? OnBatchCommitted { get; set; }

    /// <summary>The configuration section these options are documented under (<c>RxMonitor:Sqlite</c>).</summary>
    public static KeyPath Section { get; } = KeyPath.Section($"RxMonitor:{SectionName}");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add(path.Key(nameof(Path)), $"must name a database file.");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            problems.Add(path.Key(nameof(Synchronous)), $"'{Synchronous}' is not Normal or Full.");
        }

        Positive(problems, path, nameof(QueueCapacity), QueueCapacity);
        Positive(problems, path, nameof(BatchSize), BatchSize);
        if (BatchDelay < TimeSpan.Zero)
        {
            problems.Add(path.Key(nameof(BatchDelay)), $"must not be negative (was {BatchDelay}).");
        }

        Positive(problems, path, nameof(TenSecondRetention), TenSecondRetention);
        Positive(problems, path, nameof(OneMinuteRetention), OneMinuteRetention);
        Positive(problems, path, nameof(OneHourRetention), OneHourRetention);
        Positive(problems, path, nameof(AlertHistoryRetention), AlertHistoryRetention);
        Positive(problems, path, nameof(MaintenanceInterval), MaintenanceInterval);
        if (MaintenanceInterval > MaxTimerPeriod)
        {
            problems.Add(path.Key(nameof(MaintenanceInterval)), $"must be at most {MaxTimerPeriod.TotalDays} days (was {MaintenanceInterval}).");
        }

        Positive(problems, path, nameof(DegradedAfterDropFor), DegradedAfterDropFor);
        if (MaxDatabaseBytes < 0)
        {
            problems.Add(path.Key(nameof(MaxDatabaseBytes)), $"must be 0 (no limit) or positive (was {MaxDatabaseBytes.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    /// <summary>Runs on the writer's connection after it is opened and migrated (tests use it to cap the file size).</summary>
    internal Action<Microsoft.Data.Sqlite.SqliteConnection>? ConfigureWriteConnection { get; set; }

    internal SqliteStoreOptions Clone() => (SqliteStoreOptions)MemberwiseClone();

    private static void Positive(ICollection<ConfigurationProblem> problems, KeyPath path, string name, int value)
    {
        if (value <= 0)
        {
            problems.Add(path.Key(name), $"must be positive (was {value.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private static void Positive(ICollection<ConfigurationProblem> problems, KeyPath path, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(path.Key(name), $"must be positive (was {value}).");
        }
    }
}
