using System.Text;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Sqlite.History;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>
/// The columns <c>alert_transitions</c> and <c>alerts</c> share, bound the same way by both table writers: the rule
/// name (its UTF-8 cached) and the twelve columns of an alert's state.
/// </summary>
/// <remarks>Writer task only.</remarks>
internal sealed class AlertColumns(JsonColumnBuffer json)
{
    // Bounds the rule-name cache: binding a string converts (and allocates) on every call.
    private const int RuleNameLimit = 100_000;
    private readonly Dictionary<string, byte[]> _ruleNames = new(StringComparer.Ordinal);

    public JsonColumnBuffer Json => json;

    /// <summary>The rule name's UTF-8 bytes, cached.</summary>
    public byte[] RuleName(string rule)
    {
        if (!_ruleNames.TryGetValue(rule, out var utf8))
        {
            if (_ruleNames.Count >= RuleNameLimit)
            {
                _ruleNames.Clear();
            }

            utf8 = Encoding.UTF8.GetBytes(rule);
            _ruleNames[rule] = utf8;
        }

        return utf8;
    }

    /// <summary>
    /// Binds state, severity, kind, value, active_at, starts_at, ends_at, updated_at, flapping, silenced_by,
    /// inhibited_by, annotations from parameter <paramref name="i"/> on: the same twelve columns, in the same order, in
    /// both tables.
    /// </summary>
    public void BindState(RawStatement statement, int i, Alert alert)
    {
        statement.Bind(i, (long)alert.State);
        statement.Bind(i + 1, (long)alert.Severity);
        statement.Bind(i + 2, (long)alert.Kind);
        statement.Bind(i + 3, double.IsFinite(alert.Value) ? alert.Value : double.NaN);
        statement.Bind(i + 4, alert.ActiveAt.ToUnixTimeMilliseconds());
        statement.Bind(i + 5, alert.StartsAt.ToUnixTimeMilliseconds());
        statement.BindNullable(i + 6, alert.EndsAt?.ToUnixTimeMilliseconds());
        statement.Bind(i + 7, alert.UpdatedAt.ToUnixTimeMilliseconds());
        statement.Bind(i + 8, alert.IsFlapping ? 1L : 0L);
        json.BindOrNull(statement, i + 9, alert.SilencedBy.Count == 0, alert.SilencedBy, static (json, v) => StoreJson.WriteStrings(json, v));
        json.BindOrNull(statement, i + 10, alert.InhibitedBy.Count == 0, alert.InhibitedBy, static (json, v) => StoreJson.WriteFingerprints(json, v));
        json.BindOrNull(statement, i + 11, alert.Annotations.Count == 0, alert.Annotations, static (json, v) => AlertJson.WriteAnnotations(json, v));
    }
}
