using System.Text;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>A fixed-length history of one series, drawn as a Unicode block sparkline on an honest scale.</summary>
/// <remarks>
/// With a fixed range (percentages: 0–100) the height is the value itself, so a steady 100 % is a full bar. Without
/// one the range starts at the lowest value shown and spans at least <c>minimumSpan</c> and a tenth of the largest
/// magnitude, so a change that is tiny next to the value (0.04 on 50) stays near the bottom instead of filling
/// the height, and a flat line is drawn flat.
/// </remarks>
internal sealed class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";
    private readonly double[] _values;
    private int _count;
    private int _next;

    public Sparkline(int capacity) => _values = new double[capacity];

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        _count = Math.Min(_count + 1, _values.Length);
    }

    /// <summary>The newest <paramref name="length"/> values (or fewer), oldest first, on a fixed 0–<paramref name="fixedMaximum"/> scale.</summary>
    public string DrawFixed(int length, double fixedMaximum) => Draw(length, fixedMaximum, 0);

    /// <summary>The newest <paramref name="length"/> values (or fewer), oldest first, from their minimum over a span of at least <paramref name="minimumSpan"/>.</summary>
    public string DrawFromMinimum(int length, double minimumSpan) => Draw(length, null, minimumSpan);

    private string Draw(int length, double? fixedMaximum, double minimumSpan)
    {
        var shown = Math.Min(_count, Math.Max(0, length));
        if (shown == 0)
        {
            return string.Empty;
        }

        var start = (_next - shown + _values.Length) % _values.Length;
        var min = double.MaxValue;
        var max = double.MinValue;
        for (var i = 0; i < shown; i++)
        {
            var v = _values[(start + i) % _values.Length];
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var (low, span) = fixedMaximum is { } top
            ? (0, top)
            : (min, Math.Max(Math.Max(max - min, minimumSpan), Math.Max(Math.Abs(min), Math.Abs(max)) / 10));
        var text = new StringBuilder(shown);
        for (var i = 0; i < shown; i++)
        {
            var v = _values[(start + i) % _values.Length];
            var level = span > 0 ? (int)Math.Round((v - low) / span * (Blocks.Length - 1)) : 0;
            text.Append(Blocks[Math.Clamp(level, 0, Blocks.Length - 1)]);
        }

        return text.ToString();
    }
}
