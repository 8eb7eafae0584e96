using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Tests.Sources.Database;

public sealed class SqlNormalizerTests
{
    [Theory]
    [InlineData("SELECT * FROM orders WHERE id = 42", "SELECT * FROM orders WHERE id = ?")]
    [InlineData("select *\n  from orders\twhere venue = 'XNAS'", "select * from orders where venue = ?")]
    [InlineData("UPDATE t SET note = 'it''s' WHERE px = 101.25", "UPDATE t SET note = ? WHERE px = ?")]
    [InlineData("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)")]
    [InlineData("INSERT INTO t VALUES (1,'a',X'0AFF')", "INSERT INTO t VALUES (?)")]
    [InlineData("SELECT col1, t2.x FROM t2 -- trailing comment\nWHERE a = @a", "SELECT col1, t2.x FROM t2 WHERE a = @a")]
    [InlineData("SELECT /* hint */ \"Order 1\" FROM [My Table] WHERE x = $1", "SELECT \"Order 1\" FROM [My Table] WHERE x = $1")]
    [InlineData("SELECT 1e10, 0x1F", "SELECT ?, ?")]
    public void Normalize_Sql_StripsLiteralsAndKeepsShape(string sql, string expected) =>
        Assert.Equal(expected, SqlNormalizer.Normalize(sql));

    [Fact]
    public void Normalize_VeryLongStatement_IsCut()
    {
        var sql = "SELECT " + string.Join(", ", Enumerable.Range(0, 100).Select(i => "column_" + i)) + " FROM t";

        var normalized = SqlNormalizer.Normalize(sql);

        Assert.Equal(SqlNormalizer.MaxLength, normalized.Length);
        Assert.EndsWith("…", normalized, StringComparison.Ordinal);
    }
}
