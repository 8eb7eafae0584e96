using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using Microsoft.Extensions.Logging;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The log messages of the embedded monitor (source-generated: no allocation when the level is off).</summary>
internal static partial class RxMonitorLog
{
    [LoggerMessage(1, LogLevel.Warning, "{Component} {Name} failed: {Reason}")]
    public static partial void ComponentFailed(ILogger logger, PipelineComponent component, string name, string reason);

    [LoggerMessage(7, LogLevel.Debug, "{Component} {Name} failure detail")]
    public static partial void ComponentFailureDetail(ILogger logger, Exception exception, PipelineComponent component, string name);

    [LoggerMessage(2, LogLevel.Information, "RxMonitor HTTP endpoints listening on {Address}")]
    public static partial void HttpListening(ILogger logger, Uri address);

    [LoggerMessage(3, LogLevel.Information, "RxMonitor started: {Sources} sources, {Rules} rules, store {Store}, {Restored} alerts restored")]
    public static partial void Started(ILogger logger, int sources, int rules, string store, int restored);

    [LoggerMessage(4, LogLevel.Information, "RxMonitor stopped: {Delivered} samples delivered, {Dropped} dropped")]
    public static partial void Stopped(ILogger logger, long delivered, long dropped);

    [LoggerMessage(5, LogLevel.Warning, "Alert {AlertName} firing ({Severity}) value {Value} labels {Labels}")]
    public static partial void AlertFiring(ILogger logger, string alertName, Severity severity, double value, string labels);

    [LoggerMessage(8, LogLevel.Error, "{Summary}")]
    public static partial void ReloadRefused(ILogger logger, string summary);

    [LoggerMessage(9, LogLevel.Information, "{Summary}")]
    public static partial void Reloaded(ILogger logger, string summary);

    [LoggerMessage(10, LogLevel.Warning, "{Notice}")]
    public static partial void RestartRequired(ILogger logger, string notice);

    [LoggerMessage(6, LogLevel.Information, "Alert {AlertName} resolved ({Severity}) value {Value} labels {Labels}")]
    public static partial void AlertResolved(ILogger logger, string alertName, Severity severity, double value, string labels);
}
