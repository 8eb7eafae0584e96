using System.Globalization;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>Collects a component's figures and every crossed threshold into one <see cref="ComponentHealth"/>.</summary>
internal sealed class HealthVerdict(string name, string kind)
{
    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);
    private readonly List<string> _reasons = [];
    private HealthStatus _status = HealthStatus.Healthy;

    public void Data(string key, object value) => _data[key] = value;

    public void Check(string figure, double value, HealthThreshold threshold, string unit)
    {
        _data[figure] = value;
        var status = threshold.Judge(value);
        if (status != HealthStatus.Healthy)
        {
            var limit = status == HealthStatus.Unhealthy ? threshold.Unhealthy : threshold.Degraded;
            Flag(status, string.Create(CultureInfo.InvariantCulture, $"{figure} {value:0.##}{unit} ≥ {limit:0.##}{unit}"));
        }
    }

    public void Flag(HealthStatus status, string reason)
    {
        _status = status > _status ? status : _status;
        _reasons.Add(reason);
    }

    public ComponentHealth Result() =>
        new(name, kind, _status, _reasons.Count == 0 ? "OK" : string.Join("; ", _reasons), _data);
}
