using System.Text;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>A small fixed-length history of one series, drawn as a Unicode block sparkline.</summary>
internal sealed class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";
    private readonly double[] _values;
    private int _count;
    private int _next;

    public Sparkline(int length) => _values = new double[length];

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        _count = Math.Min(_count + 1, _values.Length);
    }

    /// <summary>The values oldest first, scaled between their own minimum and maximum.</summary>
    public string Draw()
    {
        if (_count == 0)
        {
            return string.Empty;
        }

        var start = (_next - _count + _values.Length) % _values.Length;
        var min = double.MaxValue;
        var max = double.MinValue;
        for (var i = 0; i < _count; i++)
        {
            var v = _values[(start + i) % _values.Length];
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var text = new StringBuilder(_count);
        for (var i = 0; i < _count; i++)
        {
            var v = _values[(start + i) % _values.Length];
            var level = max > min ? (int)Math.Round((v - min) / (max - min) * (Blocks.Length - 1)) : 0;
            text.Append(Blocks[level]);
        }

        return text.ToString();
    }
}
