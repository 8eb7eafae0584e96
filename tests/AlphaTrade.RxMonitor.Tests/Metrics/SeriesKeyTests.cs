using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Metrics;

public sealed class SeriesKeyTests
{
    [Fact]
    public void Create_EqualNameAndLabels_ReturnsTheSameInstance()
    {
        var first = SeriesKey.Create("intern_test", new Label("b", "2"), new Label("a", "1"));
        var second = SeriesKey.Create("intern_test", new Label("a", "1"), new Label("b", "2"));

        Assert.Same(first, second);
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public void Create_DifferentLabels_GetDifferentIds()
    {
        var a = SeriesKey.Create("id_test", new Label("host", "a"));
        var b = SeriesKey.Create("id_test", new Label("host", "b"));

        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Create_LabelsOutOfOrder_SortsThemByName()
    {
        var key = SeriesKey.Create("sorted_test", new Label("zone", "z"), new Label("app", "x"));

        Assert.Equal(["app", "zone"], key.Labels.Select(l => l.Name));
        Assert.Equal("sorted_test{app=\"x\",zone=\"z\"}", key.ToString());
    }

    [Fact]
    public void Create_EmptyLabelValue_IsTheSameAsNoLabel()
    {
        var withEmpty = SeriesKey.Create("empty_test", new Label("a", ""));

        Assert.Same(SeriesKey.Create("empty_test"), withEmpty);
    }

    [Fact]
    public void Create_InvalidMetricName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SeriesKey.Create("1bad"));

        Assert.Contains("'1bad' is not a valid metric name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RepeatedLabelName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SeriesKey.Create("dup_test", new Label("a", "1"), new Label("a", "2")));

        Assert.Contains("Label 'a' appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_EscapesQuotesBackslashesAndNewlines()
    {
        var key = SeriesKey.Create("escape_test", new Label("path", "C:\\x \"q\"\n"));

        Assert.Equal("escape_test{path=\"C:\\\\x \\\"q\\\"\\n\"}", key.ToString());
    }
}
