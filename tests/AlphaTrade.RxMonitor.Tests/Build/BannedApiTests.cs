using System.Diagnostics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Build;

[Trait("Category", "Integration")]
public sealed class BannedApiTests
{
    private const string ProbeSource = """
        using System.Reactive.Linq;
        namespace Probe;
        public static class UsesBannedTime
        {
            public static object[] All() =>
            [
                System.DateTime.UtcNow,
                System.DateTimeOffset.Now,
                System.Threading.Tasks.Task.Delay(5),
                Observable.Interval(System.TimeSpan.FromSeconds(1)),
                Sleep(),
            ];

            private static int Sleep()
            {
                System.Threading.Thread.Sleep(1);
                return 0;
            }
        }
        """;

    [Fact]
    public async Task SourceProjectBuild_UsingWallClockSleepOrSchedulerlessRx_FailsNamingEachUse()
    {
        var root = Directory.CreateTempSubdirectory("rxmon-banned-probe-");
        try
        {
            var output = await BuildProbeAsync(root.FullName);

            Assert.Contains("Build FAILED", output.Text, StringComparison.Ordinal);
            Assert.NotEqual(0, output.ExitCode);
            Assert.Contains("RS0030: The symbol 'DateTime.UtcNow'", output.Text, StringComparison.Ordinal);
            Assert.Contains("RS0030: The symbol 'DateTimeOffset.Now'", output.Text, StringComparison.Ordinal);
            Assert.Contains("RS0030: The symbol 'Task.Delay(int)'", output.Text, StringComparison.Ordinal);
            Assert.Contains("RS0030: The symbol 'Observable.Interval(TimeSpan)'", output.Text, StringComparison.Ordinal);
            Assert.Contains("RS0030: The symbol 'Thread.Sleep(int)'", output.Text, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Text)> BuildProbeAsync(string root)
    {
        // The probe sits under a src/ folder of its own and imports the repository's build files, so it is
        // built exactly as a shipping project is.
        var repo = RepositoryRoot.Path;
        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Build.props"),
            $"<Project><Import Project=\"{repo}/Directory.Build.props\" /></Project>");
        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Packages.props"),
            $"<Project><Import Project=\"{repo}/Directory.Packages.props\" /></Project>");
        var project = Directory.CreateDirectory(Path.Combine(root, "src", "Probe")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "Probe.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="System.Reactive" /></ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "UsesBannedTime.cs"), ProbeSource);

        var start = new ProcessStartInfo("dotnet", ["build", project, "-nologo", "-clp:NoSummary;ErrorsOnly"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        return (process.ExitCode, process.ExitCode == 0 ? text : text + "\nBuild FAILED");
    }
}
