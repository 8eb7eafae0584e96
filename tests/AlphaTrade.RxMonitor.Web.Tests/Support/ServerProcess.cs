using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AlphaTrade.RxMonitor.Web.Tests.Support;

/// <summary>A real server child process (<c>rxmon run --http</c> or the WebApi example) on 127.0.0.1; killed with its tree on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServerProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The process's working directory (a fresh temporary one for rxmon).</summary>
    public string Directory { get; }

    /// <summary>Where the server answers, with a trailing slash (the WebApi example's prefix included).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <c>rxmon run --http 127.0.0.1:0 --no-view</c> with <paramref name="appsettings"/> in a fresh directory, and waits until it listens.</summary>
    public static async Task<ServerProcess> StartRxmonAsync(string appsettings, params string[] extraArgs)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rxmon-web-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "appsettings.json"), appsettings);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "rxmon.dll"), "run", "--config", "appsettings.json", "--http", "127.0.0.1:0", "--no-view", .. extraArgs])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var server = new ServerProcess(Process.Start(start)!, directory);
        var line = await server.WaitForLineAsync("listening on http://");
        server.BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]);
        await server.WaitForLineAsync("rxmon started");
        return server;
    }

    /// <summary>Starts the WebApi example (endpoints mapped under <c>/rxmon</c>) with a store in a fresh directory.</summary>
    public static async Task<ServerProcess> StartWebApiExampleAsync()
    {
        var output = Path.Combine(RepositoryRoot(), "examples", "AlphaTrade.RxMonitor.Examples.WebApi", "bin", Configuration(), "net10.0");
        var directory = Path.Combine(Path.GetTempPath(), "rxmon-webapi-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "AlphaTrade.RxMonitor.Examples.WebApi.dll"), "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = output,
        };
        start.Environment["RxMonitor__Sqlite__Path"] = Path.Combine(directory, "webapi.db");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(start)!, directory);
        await server.WaitForLineAsync("Application started");
        server.BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/rxmon/");
        return server;
    }

    public async Task<string> WaitForLineAsync(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            var found = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not print '{text}' within {StartTimeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process: the temporary directory stays.
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Configuration() => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AlphaTrade.RxMonitor.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (AlphaTrade.RxMonitor.sln) was not found above " + AppContext.BaseDirectory);
    }
}
