using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class AnnotationTemplateTests
{
    private static readonly SeriesKey Disk = SeriesKey.Create("disk_free", new Label("mount", "/data"));

    [Fact]
    public void Render_AllExpressions_Substitutes()
    {
        var template = AnnotationTemplate.Parse("{{ $labels.__name__ }} {{.Labels.mount}} {{ .Value }} {{ $detail }}");
        Assert.Equal("disk_free /data 0.5 NaN", template.Render(Disk, 0.5, double.NaN));
    }

    [Fact]
    public void Parse_UnclosedExpression_NamesColumn()
    {
        var error = Assert.Throws<FormatException>(() => AnnotationTemplate.Parse("value {{ $value"));
        Assert.StartsWith("column 7:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedExpression_NamesColumnAndExpression()
    {
        Assert.False(AnnotationTemplate.TryParse("a {{ humanize $value }}", out _, out var error));
        Assert.Equal("column 3: unsupported expression '{{ humanize $value }}'; use $value, $detail, $labels.<name>, .Value or .Labels.<name>.", error);
    }

    [Fact]
    public void AlertRule_BadAnnotation_NamesAnnotation()
    {
        var error = Assert.Throws<ArgumentException>(() => new AlertRule("R", SeriesSelector.Parse("up"), new AbsentDetector(SeriesSelector.Parse("up"), TimeSpan.FromMinutes(1)))
        {
            Annotations = new Dictionary<string, string> { ["summary"] = "{{ $x }}" },
        });
        Assert.StartsWith("annotations.summary: column 1:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(95.0, "95")]
    [InlineData(0.25, "0.25")]
    [InlineData(-3.5, "-3.5")]
    [InlineData(123456.0, "123456")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.0, "0")]
    public void PrometheusValueFormat_Value_PrintsAsGo(double value, string expected)
    {
        Assert.Equal(expected, PrometheusValueFormat.Format(value));
    }
}
