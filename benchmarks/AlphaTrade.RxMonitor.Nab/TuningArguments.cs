using System.Globalization;
using AlphaTrade.RxMonitor.Detectors.Anomaly;

namespace AlphaTrade.RxMonitor.Nab;

internal static class TuningArguments
{
    public static void Apply(string text)
    {
        var p = AnomalyParameters.Default;
        foreach (var pair in text.Split(','))
        {
            var (name, value) = (pair.Split('=')[0], pair.Split('=')[1]);
            var property = typeof(AnomalyParameters).GetProperty(name)!;
            var copy = p with { };
            property.SetValue(copy, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
            p = copy;
        }

        AnomalyParameters.Default = p;
    }
}
