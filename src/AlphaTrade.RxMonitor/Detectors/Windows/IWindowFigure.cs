namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>
/// The running figure of one tumbling window (a sum and count, an extreme, a deviation, a sketch). Implemented
/// by structs so that <see cref="TumblingWindowEvaluator{TFigure}"/> is specialised per figure and the per-sample
/// <see cref="Add"/> is inlined.
/// </summary>
internal interface IWindowFigure
{
    /// <summary>The samples added since the last <see cref="Reset"/>.</summary>
    long Count { get; }

    /// <summary>Adds one finite value.</summary>
    /// <param name="value">The value.</param>
    void Add(double value);

    /// <summary>The figure's aggregate; only called with <see cref="Count"/> above zero.</summary>
    /// <returns>The aggregate.</returns>
    double Value();

    /// <summary>Empties the figure for the next window, keeping any storage.</summary>
    void Reset();
}
