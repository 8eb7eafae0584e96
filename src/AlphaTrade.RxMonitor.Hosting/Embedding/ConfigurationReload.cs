using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The outcome of one configuration reload: refused with its problems, or applied (which rules changed, which keys need a restart).</summary>
/// <param name="Trigger">What asked for it, e.g. <c>SIGHUP</c> or <c>file changed</c>.</param>
/// <param name="Problems">Every problem of the new configuration; when any, nothing was changed.</param>
/// <param name="Change">What happened to the rules; null when refused.</param>
/// <param name="RestartRequired">The keys (as configuration paths) that changed but take effect only at the next start.</param>
internal sealed record ConfigurationReload(string Trigger, IReadOnlyList<string> Problems, RuleSetChange? Change, IReadOnlyList<string> RestartRequired)
{
    /// <summary>Whether the new configuration was refused (the running one is kept).</summary>
    public bool Refused => Problems.Count > 0;

    /// <summary>The one log entry saying what happened: every problem when refused, else the rules kept, added, changed and removed.</summary>
    public string Summary => Refused
        ? $"Configuration reload ({Trigger}) refused; the running configuration is kept. {(Problems.Count == 1 ? "1 problem" : $"{Problems.Count} problems")}:{string.Concat(Problems.Select(static p => Environment.NewLine + "  " + p))}"
        : $"Configuration reloaded ({Trigger}): {Describe(Change!)}";

    /// <summary>The log entry for the keys that need a restart, or null when there are none.</summary>
    public string? RestartNotice => RestartRequired.Count == 0
        ? null
        : $"Configuration reload ({Trigger}): {string.Join(", ", RestartRequired)} changed; this requires restart (the running value is kept until then).";

    private static string Describe(RuleSetChange change)
    {
        var total = change.Kept.Count + change.Added.Count + change.Changed.Count;
        if (!change.Any)
        {
            return $"{total} rules, none changed.";
        }

        static string Part(string what, IReadOnlyList<string> names) => names.Count == 0 ? string.Empty : $"; {what} {names.Count} ({string.Join(", ", names)})";
        return $"{total} rules: {change.Kept.Count} kept with their alert state{Part("added", change.Added)}{Part("changed and restarted", change.Changed)}{Part("removed", change.Removed)}.";
    }
}
