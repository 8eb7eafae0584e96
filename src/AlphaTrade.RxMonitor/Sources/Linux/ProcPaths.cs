namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>Builds paths under a root directory so tests can point the sources at recorded fixtures.</summary>
internal static class ProcPaths
{
    public static string Under(string rootPath, string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        return Path.Combine(rootPath, relative);
    }
}
