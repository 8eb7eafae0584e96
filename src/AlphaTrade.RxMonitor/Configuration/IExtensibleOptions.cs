namespace AlphaTrade.RxMonitor.Configuration;

/// <summary>Options whose section holds keys of their own besides their properties, read later by something that knows them.</summary>
/// <remarks>
/// A sink's section holds <c>Type</c>, <c>Name</c> and <c>Delivery</c> and the keys of its type's options, which the
/// sink registry binds once the type is known. <see cref="OptionsReader"/> hands such options their whole section and
/// does not report the keys it does not know; whoever reads the rest reports those.
/// </remarks>
public interface IExtensibleOptions
{
    /// <summary>Keeps the section the options were read from.</summary>
    /// <param name="section">The section.</param>
    /// <param name="path">Its path.</param>
    void Extend(ConfigurationNode section, KeyPath path);
}
