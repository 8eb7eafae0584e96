using AlphaTrade.RxMonitor.Alerting;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Supplies <c>/api/silences</c>: adapt the alert manager's silence store to these three methods.</summary>
/// <remarks>Called on request threads, possibly concurrently. Arguments reach it already validated.</remarks>
internal interface ISilenceProvider
{
    /// <summary>Every known silence, pending, active or expired.</summary>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>The silences.</returns>
    ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken);

    /// <summary>Adds a silence.</summary>
    /// <param name="silence">The silence, validated; new, so its <see cref="Silence.Id"/> is empty (the provider assigns one, as Alertmanager does for a silence without an id).</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>The new silence's id.</returns>
    /// <exception cref="SilenceRefusedException">The silence could not be made durable; it is not in effect.</exception>
    ValueTask<string> AddSilenceAsync(Silence silence, CancellationToken cancellationToken);

    /// <summary>Expires a silence now.</summary>
    /// <param name="id">The silence's id.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns><see langword="false"/> when no silence has that id.</returns>
    ValueTask<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken);
}
