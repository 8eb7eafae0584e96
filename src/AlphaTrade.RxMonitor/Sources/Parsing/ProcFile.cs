using Microsoft.Win32.SafeHandles;

namespace AlphaTrade.RxMonitor.Sources.Parsing;

/// <summary>
/// A /proc (or fixture) file kept open and re-read from offset 0 into a reused buffer, so a poll allocates
/// nothing once the buffer has grown to the file's size.
/// </summary>
/// <remarks>Not thread-safe: one poller at a time. A missing file throws <see cref="FileNotFoundException"/> naming the path.</remarks>
internal sealed class ProcFile : IDisposable
{
    private byte[] _buffer;
    private SafeFileHandle? _handle;

    public ProcFile(string path, int initialSize = 4096)
    {
        Path = path;
        _buffer = new byte[initialSize];
    }

    public string Path { get; }

    /// <summary>Reads the whole file; the span is valid until the next read.</summary>
    public ReadOnlySpan<byte> Read()
    {
        try
        {
            return ReadOpen();
        }
        catch (IOException) when (_handle is not null)
        {
            // A handle can go stale (the file was replaced): reopen once.
            _handle.Dispose();
            _handle = null;
            return ReadOpen();
        }
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
    }

    private ReadOnlySpan<byte> ReadOpen()
    {
        if (_handle is null)
        {
            try
            {
                _handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new FileNotFoundException($"{Path} does not exist.", Path, ex);
            }
        }

        while (true)
        {
            var total = 0;
            while (total < _buffer.Length)
            {
                var read = RandomAccess.Read(_handle, _buffer.AsSpan(total), total);
                if (read == 0)
                {
                    return _buffer.AsSpan(0, total);
                }

                total += read;
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
