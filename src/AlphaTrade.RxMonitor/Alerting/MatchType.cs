namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>How a <see cref="LabelMatcher"/> compares a label value, as in Alertmanager.</summary>
public enum MatchType
{
    /// <summary><c>=</c>: the value equals the matcher's value.</summary>
    Equal = 0,

    /// <summary><c>!=</c>: the value differs from the matcher's value.</summary>
    NotEqual = 1,

    /// <summary><c>=~</c>: the value matches the fully anchored regular expression.</summary>
    Regex = 2,

    /// <summary><c>!~</c>: the value does not match the fully anchored regular expression.</summary>
    NotRegex = 3,
}
