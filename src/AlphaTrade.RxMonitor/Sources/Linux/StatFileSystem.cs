namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Reads the figures of the file system mounted at a mount point (statvfs, or a test double).</summary>
/// <param name="mountPoint">The mount point.</param>
/// <param name="stats">The figures.</param>
/// <returns><see langword="false"/> to skip the mount in this poll.</returns>
public delegate bool StatFileSystem(string mountPoint, out FileSystemStats stats);
