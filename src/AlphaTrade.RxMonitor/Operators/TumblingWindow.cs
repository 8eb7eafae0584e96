using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// One series' event-time tumbling window: the one implementation under the window detectors, the roll-ups and
/// the <see cref="MetricObservableExtensions.TumblingWindows"/> / <see cref="MetricObservableExtensions.SlidingWindows"/> operators.
/// </summary>
/// <remarks>
/// <para>
/// Windows are half-open [start, start + size), aligned to multiples of the size since the Unix epoch. A sample
/// opens the window it falls in; the figure accumulates the window's samples. The window closes — its figure handed
/// to an <see cref="ITumblingWindowObserver{TFigure}"/>, then reset — at the first sample at or past its end
/// (<see cref="Add{TObserver}"/>), when the caller's clock passes its end (<see cref="CloseEnded{TObserver}"/>: an
/// evaluation, a timer, a sweep), or on demand (<see cref="Close{TObserver}"/>: completion, disposal). Windows
/// without samples are never opened, so never closed.
/// </para>
/// <para>
/// One lateness rule: a sample before the open window's start, or of a window already closed, is late; it is not
/// added, and <see cref="Add{TObserver}"/> says so for the caller to count. (For a series in time order only a
/// window closed by the clock can make a sample late.)
/// </para>
/// <para>
/// A mutable struct kept in a field (or an array element) and called on that storage: a copy would not see later
/// samples. Adding a sample to the open window is two comparisons and the figure's inlined add; nothing is allocated.
/// Not thread-safe.
/// </para>
/// </remarks>
/// <typeparam name="TFigure">The running figure of the open window.</typeparam>
public struct TumblingWindow<TFigure>
    where TFigure : struct, IWindowFigure
{
    private readonly long _size;
    private TFigure _figure;
    private long _start;
    private long _end;
    private long _closedEnd;

    /// <summary>Creates the window of one series, with none open yet.</summary>
    /// <param name="size">The window length; positive.</param>
    /// <param name="figure">The empty figure the windows accumulate in (reset and reused for each window).</param>
    public TumblingWindow(TimeSpan size, TFigure figure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(size, TimeSpan.Zero);
        _size = size.Ticks;
        _figure = figure;
        _start = long.MaxValue;
        _end = long.MinValue;
        _closedEnd = long.MinValue;
    }

    /// <summary>The window length in ticks.</summary>
    public readonly long SizeTicks => _size;

    /// <summary>Whether a window is open (holds samples not yet closed).</summary>
    public readonly bool IsOpen => _end != long.MinValue;

    /// <summary>The open window's end, UTC ticks; <see cref="long.MinValue"/> when none is open.</summary>
    public readonly long EndTicks => _end;

    /// <summary>The end of the last window closed, UTC ticks; <see cref="long.MinValue"/> before the first.</summary>
    public readonly long ClosedEndTicks => _closedEnd;

    /// <summary>The open window's figure (empty when none is open).</summary>
    [UnscopedRef]
    public ref TFigure Figure => ref _figure;

    /// <summary>Adds a sample, closing the open window first when the sample is at or past its end.</summary>
    /// <param name="ticks">The sample's time, UTC ticks.</param>
    /// <param name="value">The sample's value (finite).</param>
    /// <param name="observer">Told about a window this sample closes.</param>
    /// <typeparam name="TObserver">The observer's type (a struct, for an inlined call).</typeparam>
    /// <returns><see langword="false"/> when the sample is late (see remarks) and was not added.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add<TObserver>(long ticks, double value, TObserver observer)
        where TObserver : ITumblingWindowObserver<TFigure>
    {
        if (ticks < _end && ticks >= _start)
        {
            _figure.Add(value);
            return true;
        }

        return AddOutsideOpenWindow(ticks, value, observer);
    }

    /// <summary>Closes the open window when it ends at or before <paramref name="nowTicks"/>.</summary>
    /// <param name="nowTicks">The caller's clock (an evaluation time, a timer's due time).</param>
    /// <param name="observer">Told about the window closed.</param>
    /// <typeparam name="TObserver">The observer's type.</typeparam>
    /// <returns>Whether a window closed.</returns>
    public bool CloseEnded<TObserver>(long nowTicks, TObserver observer)
        where TObserver : ITumblingWindowObserver<TFigure>
    {
        if (_end == long.MinValue || nowTicks < _end)
        {
            return false;
        }

        Close(observer);
        return true;
    }

    /// <summary>Closes the open window now, ended or not (completion, disposal).</summary>
    /// <param name="observer">Told about the window closed.</param>
    /// <typeparam name="TObserver">The observer's type.</typeparam>
    /// <returns>Whether a window was open.</returns>
    public bool Close<TObserver>(TObserver observer)
        where TObserver : ITumblingWindowObserver<TFigure>
    {
        if (_end == long.MinValue)
        {
            return false;
        }

        observer.OnClosed(_start, _end, ref _figure);
        _figure.Reset();
        _closedEnd = _end;
        _start = long.MaxValue;
        _end = long.MinValue;
        return true;
    }

    private bool AddOutsideOpenWindow<TObserver>(long ticks, double value, TObserver observer)
        where TObserver : ITumblingWindowObserver<TFigure>
    {
        if (_end != long.MinValue)
        {
            if (ticks < _start)
            {
                return false;
            }

            Close(observer);
        }

        if (ticks < _closedEnd)
        {
            return false;
        }

        _start = EpochWindows.StartOf(ticks, _size);
        _end = _start + _size;
        _figure.Add(value);
        return true;
    }
}
