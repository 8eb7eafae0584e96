namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>An options type: plain settable properties with documented defaults and one way to report its problems.</summary>
/// <remarks>
/// Every options class of the library validates this way, so one reader and one exception serve them all: the
/// strict reader (<see cref="OptionsReader"/>) fills the properties and reports keys and types, then
/// <see cref="Validate"/> reports the values, each problem at the key the user typed.
/// </remarks>
public interface IValidatableOptions
{
    /// <summary>Adds every problem of these options to <paramref name="problems"/>.</summary>
    /// <param name="path">The path of these options, e.g. <c>RxMonitor:Sqlite</c> or <c>rules[2]</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    void Validate(KeyPath path, ICollection<ConfigurationProblem> problems);
}
