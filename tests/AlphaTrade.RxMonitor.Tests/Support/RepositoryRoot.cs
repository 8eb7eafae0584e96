namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>Finds the repository root (the folder holding the solution file) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AlphaTrade.RxMonitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AlphaTrade.RxMonitor.sln above {AppContext.BaseDirectory}.");
    }
}
