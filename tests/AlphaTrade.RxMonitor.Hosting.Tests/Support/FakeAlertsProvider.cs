using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>Answers /alerts with a fixed list.</summary>
internal sealed class FakeAlertsProvider(params AlertEvent[] alerts) : IActiveAlertsProvider
{
    public IReadOnlyCollection<AlertEvent> GetActiveAlerts() => alerts;
}
