using System.Net;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Where and how the HTTP endpoints listen. Defaults serve 127.0.0.1:9464 to this machine only, without a token.</summary>
/// <remarks>
/// Nothing is open to the network by default: a non-loopback <see cref="Address"/> needs <see cref="AllowRemote"/>,
/// and <see cref="AllowRemote"/> needs an <see cref="ApiToken"/>, which every request must then carry as
/// <c>Authorization: Bearer &lt;token&gt;</c>. A token set without <see cref="AllowRemote"/> is enforced as well.
/// </remarks>
public sealed class RxMonitorHttpOptions
{
    /// <summary>The shortest API token accepted: 16 characters.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The IP address to bind, or <c>localhost</c> (bound as 127.0.0.1). Default <c>127.0.0.1</c>.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see <see cref="RxMonitorHttpServer.BaseAddress"/>). Default 9464.</summary>
    public int Port { get; set; } = 9464;

    /// <summary>Whether a non-loopback <see cref="Address"/> is allowed; requires <see cref="ApiToken"/>. Default <see langword="false"/>.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>The bearer token every request must carry; at least <see cref="MinimumTokenLength"/> characters. Default none.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Checks the options.</summary>
    /// <param name="path">The configuration path of these options, prefixed to every problem. Default <c>Http</c>.</param>
    /// <returns>Every problem, each with its option path; empty when valid.</returns>
    public IReadOnlyList<string> Validate(string path = "Http")
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65_535)
        {
            problems.Add($"{path}.Port: {Port} is not a TCP port (0-65535; 0 picks a free one).");
        }

        var address = ResolveAddress();
        if (address is null)
        {
            problems.Add($"{path}.Address: '{Address}' is not an IP address or 'localhost'.");
        }
        else if (!IPAddress.IsLoopback(address) && !AllowRemote)
        {
            problems.Add(
                $"{path}.Address: '{Address}' is not a loopback address; serving the network needs {path}.AllowRemote = true " +
                $"and {path}.ApiToken (the endpoints are loopback-only by default).");
        }

        if (AllowRemote && string.IsNullOrEmpty(ApiToken))
        {
            problems.Add(
                $"{path}.ApiToken: required when {path}.AllowRemote is true; remote requests must authenticate with " +
                "'Authorization: Bearer <token>'. Refusing to start an open listener.");
        }
        else if (ApiToken is not null && ApiToken.Trim().Length < MinimumTokenLength)
        {
            problems.Add($"{path}.ApiToken: must be at least {MinimumTokenLength} non-blank characters.");
        }

        return problems;
    }

    internal IPAddress? ResolveAddress() =>
        string.Equals(Address, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Address, out var address) ? address
        : null;
}
