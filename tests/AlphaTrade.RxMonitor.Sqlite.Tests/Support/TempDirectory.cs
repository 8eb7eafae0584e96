using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted (with its databases) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rxmon-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Makes a file read-only for this process: mode 0444, and immutable when running as root (root ignores modes).</summary>
    public static void MakeReadOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        if (Environment.IsPrivilegedProcess)
        {
            Run("chattr", "+i", file);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var file in Directory.EnumerateFiles(Path))
            {
                Run("chattr", "-i", file);
            }
        }

        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {process.StandardError.ReadToEnd()}");
        }
    }
}
