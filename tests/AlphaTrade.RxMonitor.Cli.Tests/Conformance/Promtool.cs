using System.Diagnostics;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>Runs the real <c>promtool test rules</c> (Debian's prometheus package) on unit-test files.</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    /// <summary>Runs promtool on all <paramref name="testFiles"/> in one process.</summary>
    /// <returns>The exit code and the output: per file its name, then SUCCESS or FAILED with exp/got for each difference.</returns>
    public static async Task<(int ExitCode, string Output)> TestRulesAsync(string workingDirectory, IReadOnlyList<string> testFiles)
    {
        // One stream, so that each file's differences (stderr) follow its name (stdout).
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec {Path} test rules \"$@\" 2>&1", "promtool", .. testFiles])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output);
    }
}
