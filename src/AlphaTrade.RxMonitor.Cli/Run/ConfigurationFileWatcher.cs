namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// Watches the configuration file of <c>rxmon run</c> and reports a change once the writes have settled (an editor
/// may write, truncate, rename and re-create the file in one save).
/// </summary>
/// <remarks>
/// Watches the file's directory for the file's name (created, changed, renamed onto it or deleted), so a file
/// replaced by a rename is still followed. The callback runs on a timer thread, <see cref="Quiet"/> after the last event.
/// </remarks>
internal sealed class ConfigurationFileWatcher : IDisposable
{
    /// <summary>How long the file must stay untouched before it is re-read.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly FileSystemWatcher _watcher;
    private readonly Debouncer _debouncer;

    /// <summary>Starts watching <paramref name="path"/>.</summary>
    /// <param name="path">The configuration file.</param>
    /// <param name="time">The clock of the debounce timer.</param>
    /// <param name="changed">Called once per settled change.</param>
    public ConfigurationFileWatcher(string path, TimeProvider time, Action changed)
    {
        var full = Path.GetFullPath(path);
        _debouncer = new Debouncer(time, Quiet, changed);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => _debouncer.Signal();
        _watcher.Created += (_, _) => _debouncer.Signal();
        _watcher.Deleted += (_, _) => _debouncer.Signal();
        _watcher.Renamed += (_, _) => _debouncer.Signal();
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debouncer.Dispose();
    }
}
