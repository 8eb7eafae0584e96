using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.PostgreSql;
using AlphaTrade.RxMonitor.Serilog.Sinks;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Hosting;
using AlphaTrade.RxMonitor.Sqlite.Sources;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// Reads the settings of <c>rxmon run</c> and <c>rxmon check</c> from <c>appsettings.json</c> (section
/// <c>RxMonitor</c>) and <c>RXMONITOR__…</c> environment variables through the shared <see cref="RxMonitorSettings"/>.
/// </summary>
/// <remarks>The store is always used (default <c>rxmon.db</c>); command-line overrides win over the file.</remarks>
internal static class MonitorSettings
{
    public const string Section = "RxMonitor";

    /// <summary>The database providers <c>RxMonitor:Sources:Databases</c> may name: <c>sqlite</c> and <c>postgresql</c>.</summary>
    public static readonly IReadOnlyList<IDatabaseSourceProvider> DatabaseProviders = [new SqliteDatabaseProvider(), new PostgreSqlDatabaseProvider()];

    /// <summary>Builds the configuration: the JSON file (when given) then environment variables.</summary>
    public static IConfiguration BuildConfiguration(string? configPath)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        return builder.Build();
    }

    /// <summary>Reads and validates the settings; every problem is listed, each with its configuration path.</summary>
    /// <param name="configPath">The JSON file, or null for defaults plus environment.</param>
    /// <param name="overrides">Command-line values that win over the file.</param>
    /// <param name="problems">Every problem found; empty when the settings are usable.</param>
    /// <returns>The settings (with a store), or null when there are problems.</returns>
    public static RxMonitorSettings? Load(string? configPath, RunOverrides overrides, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var configuration = TryBuild(configPath, out var fileProblems);
        if (configuration is null)
        {
            problems = fileProblems;
            return null;
        }

        var settings = RxMonitorSettings.Read(
            configuration.GetSection(Section),
            SinkTypes(),
            Store(overrides),
            enableHttp: overrides.Http is not null,
            configureHttp: overrides.ApplyTo,
            databaseProviders: DatabaseProviders,
            out var sectionProblems);
        problems = [.. fileProblems, .. sectionProblems.Select(static p => p.ToString())];
        if (settings?.Store is { } store && Directory.Exists(store.Location))
        {
            var key = overrides.DatabasePath is null ? $"{Section}:{SqliteStoreOptions.SectionName}:Path" : "--db";
            problems = [.. problems, $"{key}: '{store.Location}' is a directory, not a store file"];
        }

        return problems.Count == 0 ? settings : null;
    }

    /// <summary>
    /// Builds the configuration after checking the file: it must exist, be JSON (a syntax error is reported with
    /// its line, column and reason) and hold no top-level key that is a misspelling of <c>RxMonitor</c>.
    /// </summary>
    /// <returns>The configuration, or null when the file cannot be used (then <paramref name="problems"/> says why).</returns>
    public static IConfiguration? TryBuild(string? configPath, out IReadOnlyList<string> problems)
    {
        problems = [];
        if (configPath is not null)
        {
            if (ConfigurationFile.Check(configPath) is { } fileProblem)
            {
                problems = [fileProblem];
                return null;
            }

            problems = ConfigurationFile.MisspeltSections(configPath, Section);
        }

        return BuildConfiguration(configPath);
    }

    /// <summary>The store of <c>rxmon run</c>: always SQLite, <c>rxmon.db</c> unless the section names a path; <c>--db</c> wins.</summary>
    private static SqliteStoreProvider Store(RunOverrides overrides) => new(
        static () => new SqliteStoreOptions { Path = "rxmon.db" },
        overrides.DatabasePath is { } path ? o => o.Path = path : null);

    /// <summary>The sink types a configuration may name, with their options classes: the built-in ones plus <c>serilog</c>.</summary>
    public static AlertSinkRegistry SinkTypes() =>
        new AlertSinkRegistry().AddSerilog(global::Serilog.Core.Logger.None);
}
