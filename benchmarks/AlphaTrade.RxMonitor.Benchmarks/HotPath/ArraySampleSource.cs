using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Feeds an array to its one subscriber by calling <c>OnNext</c> for each sample, as a source operator does:
/// the cheapest faithful feed, so a benchmark measures the pipeline behind it rather than the feeding. (A
/// <c>Subject</c> adds its own multicast cost per sample; <see cref="RulePipelineBenchmarks"/> shows that
/// separately.)
/// </summary>
internal sealed class ArraySampleSource : IObservable<MetricSample>
{
    private IObserver<MetricSample>? _observer;

    public IDisposable Subscribe(IObserver<MetricSample> observer)
    {
        if (_observer is not null)
        {
            throw new InvalidOperationException("The array source takes one subscriber.");
        }

        _observer = observer;
        return Disposable.Create(this, static self => self._observer = null);
    }

    public void Push(MetricSample[] samples)
    {
        var observer = _observer ?? throw new InvalidOperationException("Nothing is subscribed.");
        foreach (var sample in samples)
        {
            observer.OnNext(sample);
        }
    }
}
