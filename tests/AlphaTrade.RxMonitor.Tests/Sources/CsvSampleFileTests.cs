using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Tests.Sources;

public sealed class CsvSampleFileTests
{
    private const string File = "samples.csv";

    private static IReadOnlyList<MetricSample> Read(string text) => CsvSampleFile.Read(new StringReader(text), File);

    private static SampleFileException ReadInvalid(string text) => Assert.Throws<SampleFileException>(() => Read(text));

    [Fact]
    public void Read_UnixSecondsWithDecimals_KeepsTheExactTime()
    {
        var sample = Assert.Single(Read("timestamp,series,value\n1767225600.25,cpu,95\n"));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 250, TimeSpan.Zero), sample.Timestamp);
        Assert.Equal("cpu", sample.Key.Name);
        Assert.Equal(95.0, sample.Value);
    }

    [Theory]
    [InlineData("2026-01-01T00:02:00Z")]
    [InlineData("2026-01-01t00:02:00z")]
    [InlineData("2026-01-01T01:02:00+01:00")]
    [InlineData("2026-01-01T00:02:00.000Z")]
    public void Read_Rfc3339Timestamp_IsParsedAsUtc(string timestamp)
    {
        var sample = Assert.Single(Read($"timestamp,series,value\n{timestamp},cpu,1\n"));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 2, 0, TimeSpan.Zero), sample.Timestamp);
    }

    [Fact]
    public void Read_QuotedSeriesWithCommasAndQuotes_FollowsRfc4180()
    {
        const string csv = "timestamp,series,value\r\n0,\"http_requests{path=\"\"/a,b\"\",code=\"\"200\"\"}\",3\r\n";

        var sample = Assert.Single(Read(csv));

        Assert.Equal(SeriesKey.Create("http_requests", new Label("path", "/a,b"), new Label("code", "200")), sample.Key);
    }

    [Fact]
    public void Read_SameSeriesWrittenDifferently_SharesOneKeyInstance()
    {
        const string csv = "timestamp,series,value\n0,\"m{a=\"\"1\"\",b=\"\"2\"\"}\",1\n1,\"m{b=\"\"2\"\",a=\"\"1\"\"}\",2\n2,\"m{a=\"\"1\"\",b=\"\"2\"\"}\",3\n";

        var samples = Read(csv);

        Assert.Same(samples[0].Key, samples[1].Key);
        Assert.Same(samples[0].Key, samples[2].Key);
    }

    [Fact]
    public void Read_OutOfOrderRecords_AreReturnedInTimeOrderStably()
    {
        var samples = Read("timestamp,series,value\n60,a,1\n0,b,2\n60,c,3\n");

        Assert.Equal(["b", "a", "c"], samples.Select(static s => s.Key.Name));
    }

    [Fact]
    public void Read_PrometheusSpecialValues_ArePassedOn()
    {
        var samples = Read("timestamp,series,value\n0,a,NaN\n1,a,+Inf\n2,a,-Inf\n");

        Assert.True(double.IsNaN(samples[0].Value));
        Assert.Equal(double.PositiveInfinity, samples[1].Value);
        Assert.Equal(double.NegativeInfinity, samples[2].Value);
    }

    [Fact]
    public void Read_BlankLines_AreSkipped()
    {
        Assert.Equal(2, Read("timestamp,series,value\n\n0,a,1\n\n1,a,2\n\n").Count);
    }

    [Fact]
    public void Read_InputLongerThanTheReadBuffer_ReadsEveryRecordAcrossBlockBoundaries()
    {
        var csv = new System.Text.StringBuilder("timestamp,series,value\r\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(i).Append(",\"http{path=\"\"/a,\\\"\"b\"\"}\",").Append(i).Append("\r\n");
        }

        var samples = Read(csv.ToString());

        Assert.Equal(5000, samples.Count);
        Assert.All(samples, static s => Assert.Equal("/a,\"b", s.Key.Labels.Get("path")));
        Assert.Equal(Enumerable.Range(0, 5000).Select(static i => (double)i), samples.Select(static s => s.Value));
    }

    [Fact]
    public void Read_WrongHeader_NamesLineOne()
    {
        var e = ReadInvalid("time,series,value\n0,a,1\n");

        Assert.Equal([new SampleFileProblem(1, "the first line must be the header 'timestamp,series,value'")], e.Problems);
    }

    [Fact]
    public void Read_SeveralBadRecords_ListsEveryOneWithItsLine()
    {
        const string csv = "timestamp,series,value\n0,a,1\nyesterday,a,2\n2,a{b=},3\n3,a,lots\n4,a\n5,a,\"1\"x\n";

        var e = ReadInvalid(csv);

        Assert.Equal(File, e.FileName);
        Assert.Equal([3, 4, 5, 6, 7], e.Problems.Select(static p => p.Line!.Value));
        Assert.StartsWith("timestamp 'yesterday' is neither unix seconds", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("series: Invalid series 'a{b=}' at column 5", e.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal("value 'lots' is not a number (use a decimal number, NaN, +Inf or -Inf)", e.Problems[2].Message);
        Assert.Equal("expected 3 fields (timestamp,series,value), found 2", e.Problems[3].Message);
        Assert.Equal("field 3 has text after its closing quote", e.Problems[4].Message);
        Assert.Contains($"{File}:4: series: Invalid series 'a{{b=}}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedFieldWithLineBreak_ReportsTheLineEachRecordStartsOn()
    {
        const string csv = "timestamp,series,value\n0,\"a{b=\"\"x\ny\"\"}\",1\nbad,a,1\n";

        var e = ReadInvalid(csv);

        Assert.Equal([2, 4], e.Problems.Select(static p => p.Line!.Value));
    }

    [Fact]
    public void Read_UnclosedQuote_IsReported()
    {
        var e = ReadInvalid("timestamp,series,value\n0,\"a,1\n");

        Assert.Equal(new SampleFileProblem(2, "a quoted field is not closed before the end of the file"), Assert.Single(e.Problems));
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_IsReported()
    {
        var e = ReadInvalid("timestamp,series,value\n0,a{b=\"x\"},1\n");

        Assert.StartsWith("field 2 has a quote inside an unquoted value", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoSamplesOfOneSeriesAtOneTime_IsReported()
    {
        var e = ReadInvalid("timestamp,series,value\n0,a,1\n1970-01-01T00:00:00Z,a,2\n");

        Assert.Equal(new SampleFileProblem(3, "series a already has a sample at 1970-01-01T00:00:00Z (line 2)"), Assert.Single(e.Problems));
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rxmon-missing-{Guid.NewGuid():N}.csv");

        var e = Assert.Throws<SampleFileException>(() => CsvSampleFile.Load(path));

        Assert.Equal(path, e.FileName);
        Assert.StartsWith("cannot read the file", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NAN")]
    [InlineData("NaN")]
    public void Read_NanInAnyCase_IsAcceptedAsPrometheusReadsIt(string text)
    {
        Assert.True(double.IsNaN(Assert.Single(Read($"timestamp,series,value\n0,a,{text}\n")).Value));
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+Infinity", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    public void Read_InfinityInAnyCase_IsAccepted(string text, double expected)
    {
        Assert.Equal(expected, Assert.Single(Read($"timestamp,series,value\n0,a,{text}\n")).Value);
    }

    [Fact]
    public void Read_NumberBeyondDoubleRange_IsOutOfRange()
    {
        var e = ReadInvalid("timestamp,series,value\n0,a,1e999\n");

        Assert.Equal("value '1e999' is out of range (numbers go up to about ±1.8e308; write +Inf or -Inf for infinity)", Assert.Single(e.Problems).Message);
    }

    [Theory]
    [InlineData("0,a, 95", "value ' 95' has spaces around it (write '95')")]
    [InlineData("0,a,\" 95\"", "value ' 95' has spaces around it (write '95')")]
    [InlineData(" 0,a,95", "timestamp ' 0' has spaces around it (write '0')")]
    [InlineData("0,a ,95", "series 'a ' has spaces around it (write 'a')")]
    public void Read_FieldWithSpacesAroundIt_IsAProblemInEveryField(string record, string expected)
    {
        var e = ReadInvalid($"timestamp,series,value\n{record}\n");

        Assert.Equal(expected, Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void Load_Directory_SaysItIsADirectory()
    {
        var e = Assert.Throws<SampleFileException>(() => CsvSampleFile.Load(Path.GetTempPath()));

        Assert.Equal("is a directory, not a samples file", Assert.Single(e.Problems).Message);
    }
}
