namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Where the alert manager records every alert transition, notification and silence, and where they are queried.</summary>
/// <remarks>
/// <para>The alert manager calls the <c>Record…</c> methods on its own (serialized) thread, always before any
/// sink hears of the change, so they must be fast and must not block: a durable implementation hands the
/// entry to its own writer (e.g. a bounded channel) and returns. They must not throw for run-time failures
/// (report those through <see cref="Diagnostics.IFailureListener"/> and count them); an exception that does
/// escape is caught by the manager, reported, and delivery goes on.</para>
/// <para>Queries may run on any thread concurrently with recording. Their filters mean what
/// <see cref="AlertHistoryQuery.Matches(AlertTransition)"/> says.</para>
/// </remarks>
public interface IAlertHistory
{
    /// <summary>Records one alert transition.</summary>
    /// <param name="transition">The transition.</param>
    void RecordTransition(AlertTransition transition);

    /// <summary>Records one notification: a group notification when its first sink accepted it, a flapping notice before its sinks are told.</summary>
    /// <param name="notification">The notification.</param>
    void RecordNotification(AlertNotification notification);

    /// <summary>Records that one sink accepted a group notification (each accepting sink, the first one included, after the notification itself).</summary>
    /// <param name="delivery">The delivery.</param>
    void RecordDelivery(NotificationDelivery delivery);

    /// <summary>Records a new silence or a new version of one (e.g. expired): the latest version per id wins.</summary>
    /// <param name="silence">The silence.</param>
    void RecordSilence(Silence silence);

    /// <summary>Returns the transitions that match <paramref name="query"/>, oldest first.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The matching transitions (the newest <see cref="AlertHistoryQuery.Limit"/>).</returns>
    ValueTask<IReadOnlyList<AlertTransition>> QueryTransitionsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns the notifications that match <paramref name="query"/>, oldest first.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The matching notifications (the newest <see cref="AlertHistoryQuery.Limit"/>).</returns>
    ValueTask<IReadOnlyList<AlertNotification>> QueryNotificationsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns every delivery the history holds, in the order recorded. One whose notification is not held (evicted, or
    /// its write lost) names nothing, and recovery ignores it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The deliveries.</returns>
    ValueTask<IReadOnlyList<NotificationDelivery>> QueryDeliveriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns the latest version of every silence recorded, expired ones included, by <see cref="Silence.StartsAt"/>.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The silences.</returns>
    ValueTask<IReadOnlyList<Silence>> QuerySilencesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads what the alert manager restores after a restart (<see cref="AlertManager.RestoreAsync(CancellationToken)"/>): the active alerts,
    /// the resolved alerts whose resolution is still owed, the live silences, and the notification log per receiver and per sink.
    /// </summary>
    /// <param name="asOf">The time silences must not have ended by (the manager's clock).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The state, as <see cref="RecoveredAlertState.From"/> defines it.</returns>
    /// <remarks>
    /// The default implementation reads every transition, notification and delivery through the queries and reduces them with
    /// <see cref="RecoveredAlertState.From"/>: correct for any history, but it reads the whole history. Durable
    /// implementations override it with indexed queries (the SQLite history does).
    /// </remarks>
    async ValueTask<RecoveredAlertState> LoadRecoveryStateAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var everything = new AlertHistoryQuery { Limit = int.MaxValue };
        var transitions = await QueryTransitionsAsync(everything, cancellationToken).ConfigureAwait(false);
        var notifications = await QueryNotificationsAsync(everything, cancellationToken).ConfigureAwait(false);
        var deliveries = await QueryDeliveriesAsync(cancellationToken).ConfigureAwait(false);
        var silences = await QuerySilencesAsync(cancellationToken).ConfigureAwait(false);
        return RecoveredAlertState.From(transitions, notifications, deliveries, silences, asOf);
    }

    /// <summary>
    /// Deletes transitions and notifications stamped before <paramref name="cutoff"/> (with their deliveries), deliveries
    /// stamped before it, and silences that ended before it.
    /// </summary>
    /// <param name="cutoff">The oldest time kept.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
