using System.Diagnostics;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>A real 2 MB tmpfs mounted on a fresh directory (needs root, as CI runs), unmounted on dispose.</summary>
internal sealed class SmallFileSystem : IAsyncDisposable
{
    private SmallFileSystem(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static async Task<SmallFileSystem> MountAsync(string sizeOption = "size=2m")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rxmon-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (exitCode, error) = await RunAsync("mount", "-t", "tmpfs", "-o", sizeOption, "tmpfs", path);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Mounting a tmpfs on {path} failed (the full-disk tests need root with CAP_SYS_ADMIN, as CI runs): {error}");
        }

        return new SmallFileSystem(path);
    }

    /// <summary>Fills the file system with one file until it is full.</summary>
    public async Task FillAsync()
    {
        await using var filler = new FileStream(File("filler"), FileMode.Create, FileAccess.Write);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await filler.WriteAsync(block);
                await filler.FlushAsync();
            }
        }
        catch (IOException)
        {
            // No space left: that was the point.
        }
    }

    public void Free() => System.IO.File.Delete(File("filler"));

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, error);
    }
}
