using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Serves <c>/api/silences</c> from the alert manager's silences (recorded in the store's history).</summary>
/// <remarks>
/// With a store, a new silence is acknowledged only once the store committed it: the adapter asks the store (which flushes
/// and asks its writer) whether the silence's write was committed (a read-back can fail on a full disk although the write
/// was committed); when it was not (a full disk, a read-only or unusable file) the silence is expired at once and
/// refused with the store's reason (503), so an acknowledged silence survives a restart, and the store keeps the refused
/// one out for good: neither it nor its expiry is written when space returns.
/// The decision does not depend on the request's cancellation: once created, a silence is stored or refused even when
/// its client went away.
/// </remarks>
internal sealed class SilenceAdapter(AlertManager manager, IRxMonitorStore? store) : ISilenceProvider
{
    public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(manager.GetSilences());

    public async ValueTask<string> AddSilenceAsync(Silence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var created = manager.CreateSilence(silence.Matchers, silence.StartsAt, silence.EndsAt, silence.CreatedBy, silence.Comment);
        if (store is null)
        {
            return created.Id;
        }

        // Once the flush is done the silence's write was committed or dropped, and the store knows which; decided
        // regardless of the request's cancellation.
        if (await store.ConfirmSilenceAsync(created.Id, CancellationToken.None).ConfigureAwait(false) is { } reason)
        {
            manager.ExpireSilence(created.Id);
            throw new SilenceRefusedException($"The silence was not stored, so it is not in effect: {reason}");
        }

        return created.Id;
    }

    public ValueTask<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(manager.ExpireSilence(id));
}
