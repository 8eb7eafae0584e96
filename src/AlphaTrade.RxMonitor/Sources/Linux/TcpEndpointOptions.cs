using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>
/// One TCP endpoint whose connect latency a host probes (<c>RxMonitor:Sources:Endpoints</c> items): a
/// <see cref="TcpConnectLatencySource"/> writes <c>system_network_connect_latency_seconds{endpoint}</c> and
/// <c>system_network_connect_up{endpoint}</c> every poll.
/// </summary>
public sealed class TcpEndpointOptions : IValidatableOptions
{
    /// <summary>The default <see cref="Timeout"/>: 3 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The <c>endpoint</c> label value, e.g. <c>exchange-gateway</c>. Required, unique among the endpoints.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A host name (resolved on every connect) or an IP address. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The TCP port, 1–65535. Required.</summary>
    public int Port { get; set; }

    /// <summary>How long a connect may take before the endpoint counts as down. Default 3 seconds; at most 1 minute.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Lists every problem of this endpoint, each with its configuration key.</summary>
    /// <param name="path">The endpoint's key, e.g. <c>RxMonitor:Sources:Endpoints:0</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(path.Key(nameof(Name)), "required (the endpoint label of its series).");
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add(path.Key(nameof(Host)), "required (a host name or an IP address).");
        }

        if (Port is < 1 or > 65_535)
        {
            problems.Add(path.Key(nameof(Port)), Port == 0 ? "required (a TCP port, 1-65535)." : $"{Port} is not a TCP port (1-65535).");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            problems.Add(path.Key(nameof(Timeout)), $"must be more than 0 and at most 1m (was {Timeout}).");
        }
    }

    /// <summary>Creates the source that probes this endpoint.</summary>
    /// <param name="timeProvider">The clock of the timeout and the measurement.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="Validate"/>).</exception>
    public TcpConnectLatencySource CreateSource(TimeProvider timeProvider) =>
        new([new NetworkEndpoint(Name, Host, Port)], Timeout, timeProvider);
}
