using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The one-line reason of a failure for a log or a terminal: what happened, then the exception's own message.</summary>
/// <remarks>
/// Routine failures (a webhook answering 500, a refused connection, a full disk) are logged as this one line at
/// Warning; the exception with its stack trace goes to Debug, for whoever looks into it.
/// </remarks>
internal static class FailureText
{
    public static string Reason(PipelineFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var message = failure.Message.TrimEnd('.', ' ');
        var cause = failure.Exception?.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ');
        return cause is null || cause.Length == 0 || message.Contains(cause, StringComparison.Ordinal) ? message : $"{message}: {cause}";
    }
}
