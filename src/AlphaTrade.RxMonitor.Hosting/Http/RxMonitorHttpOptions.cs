using System.Net;
using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Where and how the HTTP endpoints listen. Defaults serve 127.0.0.1:9464 to this machine only, without a token.</summary>
/// <remarks>
/// Nothing is open to the network by default: a non-loopback <see cref="Address"/> needs <see cref="AllowRemote"/>,
/// and <see cref="AllowRemote"/> needs an <see cref="ApiToken"/>, which every request must then carry as
/// <c>Authorization: Bearer &lt;token&gt;</c>. A token set without <see cref="AllowRemote"/> is enforced as well.
/// </remarks>
public sealed class RxMonitorHttpOptions : IValidatableOptions
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

    /// <summary>The configuration section these options are documented under (<c>RxMonitor:Http</c>).</summary>
    public static KeyPath Section { get; } = KeyPath.Section("RxMonitor:Http");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (Port is < 0 or > 65_535)
        {
            problems.Add(
                path.Key(nameof(Port)),
                $"{Port} is not a TCP port (0-65535; 0 picks a free one).");
        }

        var address = ResolveAddress();
        if (address is null)
        {
            problems.Add(
                path.Key(nameof(Address)),
                $"'{Address}' is not an IP address or 'localhost'.");
        }
        else if (!IPAddress.IsLoopback(address) && !AllowRemote)
        {
            problems.Add(
                path.Key(nameof(Address)),
                $"'{Address}' is not a loopback address; serving the network needs {path.Key(nameof(AllowRemote))} = true " +
                $"and {path.Key(nameof(ApiToken))} (the endpoints are loopback-only by default).");
        }

        if (AllowRemote && string.IsNullOrEmpty(ApiToken))
        {
            problems.Add(
                path.Key(nameof(ApiToken)),
                $"required when {path.Key(nameof(AllowRemote))} is true; remote requests must authenticate with " +
                "'Authorization: Bearer <token>'. Refusing to start an open listener.");
        }
        else if (ApiToken is not null && ApiToken.Trim().Length < MinimumTokenLength)
        {
            problems.Add(
                path.Key(nameof(ApiToken)),
                $"must be at least {MinimumTokenLength} non-blank characters.");
        }
    }

    internal IPAddress? ResolveAddress() =>
        string.Equals(Address, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Address, out var address) ? address
        : null;
}
