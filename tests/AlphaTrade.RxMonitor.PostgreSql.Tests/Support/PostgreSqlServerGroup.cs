namespace AlphaTrade.RxMonitor.PostgreSql.Tests.Support;

/// <summary>The tests that share one <see cref="PostgreSqlServer"/>; they run one after another (lock and connection counts are server-wide).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlServerGroup : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL server";
}
