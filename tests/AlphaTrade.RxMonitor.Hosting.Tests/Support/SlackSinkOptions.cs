using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>The options an embedding application's own sink type takes (a Slack-like sink).</summary>
public sealed class SlackSinkOptions : IValidatableOptions
{
    public string? Channel { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        if (string.IsNullOrEmpty(Channel))
        {
            problems.Add(path.Of(this).Key(nameof(Channel)), "is required");
        }
    }
}
