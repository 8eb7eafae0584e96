using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Alerting;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Serves <c>/api/silences</c> from the alert manager's silences (recorded in the store's history).</summary>
internal sealed class SilenceAdapter(AlertManager manager) : ISilenceProvider
{
    public ValueTask<IReadOnlyList<SilenceEntry>> GetSilencesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SilenceEntry>>(
            [.. manager.GetSilences().Select(static s => new SilenceEntry(s.Id, new SilenceSpec(s.Matchers, s.StartsAt, s.EndsAt, s.CreatedBy, s.Comment)))]);

    public ValueTask<string> AddSilenceAsync(SilenceSpec silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var created = manager.CreateSilence(silence.Matchers, silence.StartsAt, silence.EndsAt, silence.CreatedBy, silence.Comment);
        return ValueTask.FromResult(created.Id);
    }

    public ValueTask<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(manager.ExpireSilence(id));
}
