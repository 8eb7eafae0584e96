using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// How the two rules are typically written in Rx: GroupBy series, Scan each group into window state, and
/// filter the closed windows into alert transitions, fed like the RxMonitor rules. The reference for what a naive
/// pipeline costs.
/// </summary>
internal sealed class TypicalRxRules : IDisposable
{
    private readonly ArraySampleSource _input = new();
    private readonly IDisposable _subscription;

    public TypicalRxRules()
    {
        var windowTicks = HotPathWorkload.Window.Ticks;
        _subscription = _input
            .GroupBy(static s => s.Key)
            .SelectMany(group => group
                .Scan(new WindowState(long.MinValue, 0, 0, double.NaN), (state, s) =>
                {
                    var window = s.TimestampTicks / windowTicks;
                    return window == state.Window
                        ? state with { Sum = state.Sum + s.Value, Count = state.Count + 1, Closed = double.NaN }
                        : new WindowState(window, s.Value, 1, state.Count > 0 ? state.Sum / state.Count : double.NaN);
                })
                .Where(static state => !double.IsNaN(state.Closed))
                .Scan((High: false, Rise: false, Previous: double.NaN, Changes: 0), static (acc, state) =>
                {
                    var high = state.Closed > HotPathWorkload.MeanThreshold;
                    var rise = acc.Previous > 0 && (state.Closed - acc.Previous) / acc.Previous > HotPathWorkload.RiseFraction;
                    var changes = (high != acc.High ? 1 : 0) + (rise != acc.Rise ? 1 : 0);
                    return (high, rise, state.Closed, changes);
                })
                .Where(static acc => acc.Changes > 0))
            .Subscribe(acc => Transitions += acc.Changes);
    }

    public long Transitions { get; private set; }

    public void Run(MetricSample[] samples)
    {
        _input.Push(samples);
    }

    public void Dispose() => _subscription.Dispose();

    private readonly record struct WindowState(long Window, double Sum, int Count, double Closed);
}
