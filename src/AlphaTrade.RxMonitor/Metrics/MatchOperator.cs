namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>How a <see cref="LabelMatcher"/> compares a label value, as in a Prometheus selector.</summary>
public enum MatchOperator
{
    /// <summary><c>=</c>: the value equals the matcher's value.</summary>
    Equal = 0,

    /// <summary><c>!=</c>: the value differs from the matcher's value.</summary>
    NotEqual = 1,

    /// <summary><c>=~</c>: the whole value matches the regular expression.</summary>
    RegexMatch = 2,

    /// <summary><c>!~</c>: the whole value does not match the regular expression.</summary>
    RegexNotMatch = 3,
}
