using System.Diagnostics;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>Runs the built <c>rxmon</c> program as a child process, the way a user does.</summary>
internal static class RxmonProcess
{
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string workingDirectory, params string[] args) =>
        RunWithEnvironmentAsync(workingDirectory, new Dictionary<string, string>(), args);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunWithEnvironmentAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var rxmon = Path.Combine(AppContext.BaseDirectory, "rxmon.dll");
        var start = new ProcessStartInfo("dotnet", [rxmon, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
