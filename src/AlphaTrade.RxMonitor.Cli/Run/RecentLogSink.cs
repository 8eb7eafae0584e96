using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Keeps the last few log lines for the live terminal view (which owns the screen instead of the console sink), and echoes them once the view has stopped.</summary>
internal sealed class RecentLogSink(int capacity) : ILogEventSink
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private TextWriter? _echo;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{logEvent.Timestamp.ToUniversalTime():HH:mm:ss} {Level(logEvent.Level)} {logEvent.RenderMessage(CultureInfo.InvariantCulture)}");
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }

            _echo?.WriteLine(line);
        }
    }

    /// <summary>From now on also writes each line to <paramref name="writer"/> (null: stop echoing).</summary>
    public void EchoTo(TextWriter? writer)
    {
        lock (_gate)
        {
            _echo = writer;
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    private static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
