using AlphaTrade.RxMonitor.Alerting;
using System.Collections.Concurrent;
using System.Globalization;
using AlphaTrade.RxMonitor.Hosting.Http;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>A silence store in a dictionary; expiring sets the end to the clock's now.</summary>
internal sealed class InMemorySilenceProvider(TimeProvider clock) : ISilenceProvider
{
    private readonly ConcurrentDictionary<string, Silence> _silences = new();
    private int _nextId;

    public IReadOnlyCollection<Silence> Silences => [.. _silences.Values];

    public void Add(Silence silence) => _silences[silence.Id] = silence;

    public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Silence>>([.. _silences.Values]);

    public ValueTask<string> AddSilenceAsync(Silence silence, CancellationToken cancellationToken)
    {
        var id = "s" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        _silences[id] = silence with { Id = id };
        return ValueTask.FromResult(id);
    }

    public ValueTask<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken)
    {
        if (!_silences.TryGetValue(id, out var silence))
        {
            return ValueTask.FromResult(false);
        }

        _silences[id] = silence with { EndsAt = clock.GetUtcNow() };
        return ValueTask.FromResult(true);
    }
}
