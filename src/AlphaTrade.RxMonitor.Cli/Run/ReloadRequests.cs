using System.Reactive.Linq;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Hosting.Embedding;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// Where <c>rxmon run</c>'s configuration comes from again: the file it was started with (re-read with the same
/// command-line overrides) and the requests to re-read it (SIGHUP, the file watcher).
/// </summary>
/// <remarks>Thread-safe: requests come from the signal thread and the watcher's timer.</remarks>
internal sealed class ReloadRequests(string? configPath, RunOverrides overrides) : IDisposable
{
    private readonly Subject<string> _requests = new();

    /// <summary>The configuration file, or null when <c>rxmon run</c> was started without <c>--config</c>.</summary>
    public string? ConfigPath { get; } = configPath;

    /// <summary>The requests, each naming its trigger (<c>SIGHUP</c>, <c>file changed</c>), one at a time.</summary>
    public IObservable<string> Requests => _requests.Synchronize();

    /// <summary>Asks for a reload.</summary>
    public void Request(string trigger) => _requests.OnNext(trigger);

    /// <summary>Reads the configuration again exactly as at start.</summary>
    public RxMonitorSettings? Read(out IReadOnlyList<string> problems) => MonitorSettings.Load(ConfigPath, overrides, out problems);

    public void Dispose() => _requests.Dispose();
}
