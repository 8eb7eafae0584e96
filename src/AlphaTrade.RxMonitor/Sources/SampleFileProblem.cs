namespace AlphaTrade.RxMonitor.Sources;

/// <summary>One problem in a samples file: the line it is on, when there is one, and what is wrong.</summary>
/// <param name="Line">The 1-based line the record starts on, or <see langword="null"/> for the file as a whole.</param>
/// <param name="Message">What is wrong.</param>
public sealed record SampleFileProblem(int? Line, string Message)
{
    /// <summary>The problem as <c>line: message</c>, or the message alone.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Line is { } line ? $"{line}: {Message}" : Message;
}
