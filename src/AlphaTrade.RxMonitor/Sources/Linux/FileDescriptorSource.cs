using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Parsing;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Open file descriptors against their limits: system-wide (<c>/proc/sys/fs/file-nr</c>) and this process.</summary>
/// <remarks>
/// <para>
/// System: <c>system_open_files</c> (allocated − free handles) and <c>system_open_files_limit</c>. Process:
/// <c>process_open_fds</c> (entries of <c>/proc/self/fd</c>, not counting the handle used to list them),
/// <c>process_max_fds</c> (soft "Max open files" of <c>/proc/self/limits</c>; "unlimited" reports no limit
/// series) and <c>process_fd_usage_percent</c>.
/// </para>
/// <para>Not thread-safe (one poller). A poll allocates nothing (the directory is counted with readdir).</para>
/// </remarks>
public sealed class FileDescriptorSource : IMetricSource, IDisposable
{
    private readonly ProcFile _fileNr;
    private readonly ProcFile _limits;
    private readonly string _fdDirectory;
    private readonly bool _countsOwnHandle;
    private readonly SeriesKey _open = SeriesKey.Create(SystemMetricNames.OpenFiles);
    private readonly SeriesKey _limit = SeriesKey.Create(SystemMetricNames.OpenFilesLimit);
    private readonly SeriesKey _processOpen = SeriesKey.Create(SystemMetricNames.ProcessOpenFds);
    private readonly SeriesKey _processMax = SeriesKey.Create(SystemMetricNames.ProcessMaxFds);
    private readonly SeriesKey _processPercent = SeriesKey.Create(SystemMetricNames.ProcessFdUsagePercent);

    /// <summary>Creates the source.</summary>
    /// <param name="rootPath">The file-system root that holds <c>proc/sys/fs/file-nr</c> and <c>proc/self/</c>.</param>
    public FileDescriptorSource(string rootPath = "/")
    {
        _fileNr = new ProcFile(ProcPaths.Under(rootPath, "proc/sys/fs/file-nr"), 128);
        _limits = new ProcFile(ProcPaths.Under(rootPath, "proc/self/limits"), 4096);
        _fdDirectory = ProcPaths.Under(rootPath, "proc/self/fd");
        _countsOwnHandle = string.Equals(Path.GetFullPath(_fdDirectory), "/proc/self/fd", StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public string Name => "linux.fd";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var tokens = new SpanTokenizer(_fileNr.Read());
        var allocated = tokens.RequireUInt64(_fileNr.Path, "allocated handles");
        var free = tokens.RequireUInt64(_fileNr.Path, "free handles");
        var max = tokens.RequireUInt64(_fileNr.Path, "maximum handles");
        observer.OnNext(new MetricSample(_open, timestampTicks, allocated - Math.Min(free, allocated)));
        observer.OnNext(new MetricSample(_limit, timestampTicks, max));

        var open = LinuxNative.CountEntries(_fdDirectory);
        if (open < 0)
        {
            throw new DirectoryNotFoundException($"Cannot list {_fdDirectory}.");
        }

        if (_countsOwnHandle)
        {
            open--;
        }

        observer.OnNext(new MetricSample(_processOpen, timestampTicks, open));
        var limit = SoftOpenFilesLimit();
        if (limit > 0)
        {
            observer.OnNext(new MetricSample(_processMax, timestampTicks, limit));
            observer.OnNext(new MetricSample(_processPercent, timestampTicks, 100.0 * open / limit));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fileNr.Dispose();
        _limits.Dispose();
    }

    private double SoftOpenFilesLimit()
    {
        var text = _limits.Read();
        while (SpanTokenizer.NextLine(ref text, out var line))
        {
            if (line.StartsWith("Max open files"u8))
            {
                var tokens = new SpanTokenizer(line["Max open files"u8.Length..]);
                return tokens.NextUInt64(out var soft) ? soft : -1; // "unlimited"
            }
        }

        throw new FormatException($"{_limits.Path}: no 'Max open files' line.");
    }
}
