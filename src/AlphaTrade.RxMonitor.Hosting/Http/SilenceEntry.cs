namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>A stored silence: its id and definition.</summary>
/// <param name="Id">The silence's id, as the store assigned it.</param>
/// <param name="Spec">The definition; an expired silence has its <see cref="SilenceSpec.EndsAt"/> in the past.</param>
internal sealed record SilenceEntry(string Id, SilenceSpec Spec);
