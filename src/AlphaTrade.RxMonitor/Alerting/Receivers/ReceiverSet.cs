using AlphaTrade.RxMonitor.Diagnostics;
namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>
/// The receivers and their sinks (Alertmanager's receivers and integrations): each sink behind its own
/// <see cref="SinkChannel"/>, the sinks added for every receiver, and the HTTP client the configured sinks share.
/// </summary>
/// <remarks>
/// The channel arrays are copy-on-write and replaced under the manager's lock; <see cref="StopAsync"/> drains the
/// channels outside it, then disposes the sinks and the HTTP client it created.
/// </remarks>
internal sealed class ReceiverSet
{
    /// <summary>The receiver name of sinks that get every receiver's notifications.</summary>
    public const string EveryReceiver = "*";

    private readonly Dictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);
    private readonly List<IAlertSink> _ownedSinks = [];
    private readonly FailureReporter _reporter;
    private readonly DeliverySettings _delivery;
    private readonly Action<SinkChannel, AlertNotification, bool> _onOutcome;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private SinkChannel[] _everyReceiverSinks = [];

    /// <summary>Creates the configured receivers and their sinks.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="sinkTypes">The sink types the options may name.</param>
    /// <param name="reporter">Reports isolated failures.</param>
    /// <param name="failureListener">Handed to sink factories.</param>
    /// <param name="httpClient">The HTTP client of the sinks; <see langword="null"/> for one owned here.</param>
    /// <param name="onOutcome">A sink's answer to each notification, on its consumer (or the enqueuing) thread.</param>
    public ReceiverSet(
        AlertingOptions options,
        AlertSinkRegistry sinkTypes,
        FailureReporter reporter,
        IFailureListener? failureListener,
        HttpClient? httpClient,
        Action<SinkChannel, AlertNotification, bool> onOutcome)
    {
        _reporter = reporter;
        _onOutcome = onOutcome;
        _delivery = DeliverySettings.Resolve(options.Delivery, DeliverySettings.Default);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        var externalUrl = options.ExternalUrl is { } url ? new Uri(url) : null;
        var receivers = options.Receivers is { Count: > 0 } list ? list : [new ReceiverOptions { Name = AlertingOptionsValidator.DefaultReceiver }];
        foreach (var receiverOptions in receivers)
        {
            var receiver = new Receiver(receiverOptions.Name, receiverOptions.SendResolved);
            var context = new AlertSinkContext(receiverOptions.Name, reporter.Time, _http, failureListener, externalUrl) { Services = sinkTypes.Services };
            foreach (var sinkOptions in receiverOptions.Sinks ?? [])
            {
                var sink = sinkTypes.Create(sinkOptions, context with { SinkName = sinkOptions.Name ?? $"{sinkOptions.Type.ToLowerInvariant()}:{receiverOptions.Name}" });
                _ownedSinks.Add(sink);
                receiver.Sinks = [.. receiver.Sinks, NewChannel(sink, receiverOptions.Name, DeliverySettings.Resolve(sinkOptions.Delivery, _delivery))];
            }

            _receivers[receiverOptions.Name] = receiver;
        }
    }

    public IReadOnlyCollection<string> Names => _receivers.Keys;

    public Receiver this[string name] => _receivers[name];

    /// <summary>Adds a sink behind its own channel, for one receiver or (<paramref name="receiver"/> <see langword="null"/>) every receiver.</summary>
    /// <exception cref="ArgumentException">The receiver is not configured.</exception>
    public void Add(IAlertSink sink, string? receiver, SinkDeliveryOptions? delivery)
    {
        var settings = DeliverySettings.FromOptions(delivery, _delivery);
        if (receiver is null)
        {
            _everyReceiverSinks = [.. _everyReceiverSinks, NewChannel(sink, EveryReceiver, settings)];
            return;
        }

        if (!_receivers.TryGetValue(receiver, out var target))
        {
            throw new ArgumentException($"Unknown receiver '{receiver}' (defined: {string.Join(", ", _receivers.Keys)}).", nameof(receiver));
        }

        target.Sinks = [.. target.Sinks, NewChannel(sink, receiver, settings)];
    }

    /// <summary>The channels a receiver's notifications go to: its own sinks, then the every-receiver sinks.</summary>
    public List<SinkChannel> Targets(Receiver receiver)
    {
        var targets = new List<SinkChannel>(receiver.Sinks.Length + _everyReceiverSinks.Length);
        targets.AddRange(receiver.Sinks);
        targets.AddRange(_everyReceiverSinks);
        return targets;
    }

    public IReadOnlyList<SinkStatistics> GetStatistics() => [.. AllChannels().Select(static s => s.GetStatistics())];

    /// <summary>Every channel, taken under the lock before <see cref="StopAsync"/> drains them outside it.</summary>
    public SinkChannel[] AllChannels() => [.. _receivers.Values.SelectMany(static r => r.Sinks).Concat(_everyReceiverSinks)];

    /// <summary>Drains <paramref name="channels"/> until <paramref name="cancellationToken"/>, then disposes the sinks and HTTP client created here.</summary>
    public async Task StopAsync(SinkChannel[] channels, CancellationToken cancellationToken)
    {
        await Task.WhenAll(channels.Select(c => c.StopAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var sink in _ownedSinks)
        {
            (sink as IDisposable)?.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private SinkChannel NewChannel(IAlertSink sink, string receiver, DeliverySettings settings) => new(sink, receiver, settings, _reporter, _onOutcome);
}
