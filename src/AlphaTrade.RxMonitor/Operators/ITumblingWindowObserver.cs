namespace AlphaTrade.RxMonitor.Operators;

/// <summary>Told when a <see cref="TumblingWindow{TFigure}"/> closes a window; implement it with a struct for an inlined call.</summary>
/// <typeparam name="TFigure">The window's figure.</typeparam>
public interface ITumblingWindowObserver<TFigure>
    where TFigure : struct, IWindowFigure
{
    /// <summary>Takes the figure of a window that just closed, before the window resets it.</summary>
    /// <param name="startTicks">The window's start, UTC ticks (inclusive).</param>
    /// <param name="endTicks">The window's end, UTC ticks (exclusive).</param>
    /// <param name="figure">The figure, with at least one sample; the observer may read it, or swap storage out of it.</param>
    void OnClosed(long startTicks, long endTicks, ref TFigure figure);
}
