namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// The running figure of one open tumbling window (a sum and count, an extreme, an accumulator, a sketch), kept by
/// <see cref="TumblingWindow{TFigure}"/>. Implement it with a struct so that the window is specialised per figure
/// and the per-sample <see cref="Add"/> is inlined.
/// </summary>
public interface IWindowFigure
{
    /// <summary>The samples added since the last <see cref="Reset"/>.</summary>
    long Count { get; }

    /// <summary>Adds one finite value.</summary>
    /// <param name="value">The value.</param>
    void Add(double value);

    /// <summary>Empties the figure for the next window, keeping any storage.</summary>
    void Reset();
}
