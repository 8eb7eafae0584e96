using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>The check of a sink's URL option.</summary>
internal static class SinkUrl
{
    public static void Check(string? url, KeyPath path, string type, ICollection<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            problems.Add(path, $"is required for a {type} sink.");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(path, $"'{url}' is not an absolute http(s) URL.");
        }
    }
}
