using System.Diagnostics;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>A detached tmux session of a fixed size on its own server socket: a real terminal whose screen a test can read.</summary>
internal sealed class TmuxSession : IDisposable
{
    private readonly string _socket = "rxmon-test-" + Guid.NewGuid().ToString("N");

    private TmuxSession()
    {
    }

    /// <summary>Starts <paramref name="command"/> in a <paramref name="width"/>×<paramref name="height"/> terminal; after it ends the shell prints <c>EXIT=code</c> and waits.</summary>
    public static async Task<TmuxSession> StartAsync(string workingDirectory, int width, int height, string command)
    {
        var session = new TmuxSession();
        await session.TmuxAsync(
            "new-session", "-d", "-s", "main", "-c", workingDirectory,
            "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{command}; echo EXIT=$?; sleep 120");
        return session;
    }

    /// <summary>The visible screen, one string per row (trailing blanks trimmed by tmux).</summary>
    public async Task<string[]> CaptureAsync() => (await TmuxAsync("capture-pane", "-p", "-t", "main")).TrimEnd('\n').Split('\n');

    /// <summary>Waits until the screen shows <paramref name="text"/>, and returns that screen.</summary>
    public async Task<string[]> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var screen = await CaptureAsync();
            if (screen.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return screen;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the screen did not show '{text}' within {timeout}:\n{string.Join('\n', screen)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Types keys, e.g. <c>C-c</c>.</summary>
    public Task SendKeysAsync(string keys) => TmuxAsync("send-keys", "-t", "main", keys);

    public void Dispose()
    {
        using var kill = Process.Start(new ProcessStartInfo("tmux", ["-L", _socket, "kill-server"]) { RedirectStandardError = true });
        kill?.WaitForExit(10_000);
    }

    private async Task<string> TmuxAsync(params string[] args)
    {
        var start = new ProcessStartInfo("tmux", ["-L", _socket, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
