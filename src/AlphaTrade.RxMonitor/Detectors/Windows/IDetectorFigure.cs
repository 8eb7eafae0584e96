using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>A window figure that a window detector turns into one number when its window closes.</summary>
internal interface IDetectorFigure : IWindowFigure
{
    /// <summary>The figure's aggregate; only called with <see cref="IWindowFigure.Count"/> above zero.</summary>
    /// <returns>The aggregate.</returns>
    double Value();
}
