using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>Answers /alerts with a fixed list, every alert routed to <see cref="Receiver"/>.</summary>
internal sealed class FakeAlertsProvider(params Alert[] alerts) : IActiveAlertsProvider
{
    public const string Receiver = "team-db";

    public IReadOnlyList<Alert> GetActiveAlerts() => alerts;

    public IReadOnlyList<string> GetReceivers(Alert alert) => [Receiver];

    public SeriesKey? GetAlertSeries(ulong fingerprint) => null;
}
