using System.Globalization;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Hosting.Http;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Command-line values of <c>rxmon run</c> that win over the configuration file.</summary>
internal sealed record RunOverrides(string? DatabasePath = null, string? Http = null, bool AllowRemote = false, string? ApiToken = null)
{
    /// <summary>Applies <c>--http ADDRESS:PORT</c>, <c>--allow-remote</c> and <c>--api-token</c> to <paramref name="options"/>.</summary>
    public void ApplyTo(RxMonitorHttpOptions options, List<ConfigurationProblem> problems)
    {
        if (Http is { } text)
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                problems.Add(new ConfigurationProblem("--http", $"'{text}' is not ADDRESS:PORT (e.g. 127.0.0.1:9464; port 0 picks a free one)."));
            }
            else
            {
                options.Address = text[..colon].Trim('[', ']');
                options.Port = port;
            }
        }

        if (AllowRemote)
        {
            options.AllowRemote = true;
        }

        if (ApiToken is not null)
        {
            options.ApiToken = ApiToken;
        }
    }
}
