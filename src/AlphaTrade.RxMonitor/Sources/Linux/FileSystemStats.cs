namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Size and inode figures of one mounted file system, as <c>statvfs(3)</c> reports them.</summary>
/// <param name="TotalBytes">Size of the file system.</param>
/// <param name="FreeBytes">Free bytes, including those reserved for root.</param>
/// <param name="AvailableBytes">Free bytes available to unprivileged users.</param>
/// <param name="TotalInodes">Inodes in the file system (0 when it has no fixed inode table).</param>
/// <param name="FreeInodes">Free inodes.</param>
public readonly record struct FileSystemStats(
    ulong TotalBytes,
    ulong FreeBytes,
    ulong AvailableBytes,
    ulong TotalInodes,
    ulong FreeInodes)
{
    /// <summary>Reads the figures of the file system that holds <paramref name="path"/> with <c>statvfs(3)</c>.</summary>
    /// <param name="path">Any path on the file system.</param>
    /// <param name="stats">The figures.</param>
    /// <returns><see langword="false"/> when the call failed (no such path, no permission, not Linux).</returns>
    public static bool TryRead(string path, out FileSystemStats stats)
    {
        ArgumentNullException.ThrowIfNull(path);
        stats = default;
        if (!OperatingSystem.IsLinux() || LinuxNative.StatVfs(path, out var s) != 0)
        {
            return false;
        }

        var unit = s.FragmentSize != 0 ? s.FragmentSize : s.BlockSize;
        stats = new FileSystemStats(s.Blocks * unit, s.BlocksFree * unit, s.BlocksAvailable * unit, s.Files, s.FilesFree);
        return true;
    }
}
