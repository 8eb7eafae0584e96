using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// A store with options of type <typeparamref name="TOptions"/>: created with the store's defaults, read strictly from
/// the store's section (unknown keys and wrong values are problems with their paths, as everywhere else), adjusted by
/// <see cref="Configure"/>, validated, then opened when the pipeline is built.
/// </summary>
/// <typeparam name="TOptions">A plain options class.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "ApiDesign",
    "RS0022:Constructor make noninheritable base class inheritable",
    Justification = "By design: a store derives from this generic class; the non-generic base has no protected members and only this class may derive from it directly.")]
public abstract class RxMonitorStoreProvider<TOptions> : RxMonitorStoreProvider
    where TOptions : class, IValidatableOptions
{
    /// <summary>New options with the store's defaults.</summary>
    /// <returns>The options.</returns>
    protected abstract TOptions CreateOptions();

    /// <summary>Applied after the section was read (code wins over configuration); does nothing unless overridden.</summary>
    /// <param name="options">The options read.</param>
    protected virtual void Configure(TOptions options)
    {
    }

    /// <summary>Where a store with <paramref name="options"/> is, for the log and <c>rxmon check</c>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The location, e.g. the file's path.</returns>
    protected abstract string LocationOf(TOptions options);

    /// <summary>Opens the store (called once, when the pipeline is built; it may throw when the store cannot be opened).</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="time">The pipeline's clock.</param>
    /// <param name="failures">Where the store reports its failures.</param>
    /// <returns>The open store.</returns>
    protected abstract IRxMonitorStore Open(TOptions options, TimeProvider time, IFailureListener failures);

    internal sealed override StoreSettings? Read(IConfigurationSection? section, KeyPath path, List<ConfigurationProblem> problems)
    {
        var options = CreateOptions();
        var before = problems.Count;
        if (section is not null)
        {
            StrictConfigurationReader.Read(section, options, path, problems);
        }

        Configure(options);
        options.Validate(path, problems);
        return problems.Count == before ? new StoreSettings(this, options, LocationOf(options)) : null;
    }

    internal sealed override IRxMonitorStore Open(object options, TimeProvider time, IFailureListener failures) =>
        Open((TOptions)options, time, failures);
}
