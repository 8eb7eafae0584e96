using System.Diagnostics;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>Runs another program (e.g. <c>script</c>) and collects its output.</summary>
internal static class ExternalProcess
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string workingDirectory, string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
