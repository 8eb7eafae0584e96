using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>A long-running <c>rxmon</c> child process whose output lines can be awaited, stopped with a real SIGTERM.</summary>
internal sealed class RunningRxmon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _lineAdded = new(0);

    private RunningRxmon(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
                _lineAdded.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StdOut => string.Join('\n', _lines);

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static RunningRxmon Start(string workingDirectory, params string[] args)
    {
        var rxmon = Path.Combine(AppContext.BaseDirectory, "rxmon.dll");
        var start = new ProcessStartInfo("dotnet", [rxmon, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        return new RunningRxmon(Process.Start(start)!);
    }

    /// <summary>Waits until an output line contains <paramref name="text"/>, and returns that line.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"rxmon exited ({_process.ExitCode}) before printing '{text}'. Output:\n{StdOut}\n{StdErr}");
            }

            try
            {
                await _lineAdded.WaitAsync(TimeSpan.FromMilliseconds(200), cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"rxmon did not print '{text}' within {timeout}. Output:\n{StdOut}\n{StdErr}");
            }
        }
    }

    /// <summary>Sends SIGTERM with <c>kill -TERM</c> and waits for the exit code.</summary>
    public Task<int> TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>INT</c>) with <c>kill</c> and waits for the exit code.</summary>
    public async Task<int> SignalAsync(string signal)
    {
        await SendAsync(signal);
        return await WaitForExitAsync();
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>HUP</c>) with <c>kill</c>, without waiting for anything else.</summary>
    public async Task SendAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills the process with SIGKILL (no shutdown of any kind) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _lineAdded.Dispose();
    }
}
