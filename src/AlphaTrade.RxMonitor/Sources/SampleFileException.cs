namespace AlphaTrade.RxMonitor.Sources;

/// <summary>A samples file is invalid; <see cref="Problems"/> lists every problem with its line.</summary>
/// <remarks>The message has one line per problem, each naming the file and the line: <c>samples.csv:7: …</c>.</remarks>
public sealed class SampleFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SampleFileException()
        : this("samples", [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SampleFileException(string message)
        : base(message)
    {
        FileName = "samples";
        Problems = [new SampleFileProblem(null, message)];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SampleFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "samples";
        Problems = [new SampleFileProblem(null, message)];
    }

    /// <summary>Creates the exception for the problems of one file.</summary>
    /// <param name="fileName">The file the problems are in.</param>
    /// <param name="problems">Every problem.</param>
    public SampleFileException(string fileName, IReadOnlyList<SampleFileProblem> problems)
        : base(FormatMessage(fileName, problems))
    {
        FileName = fileName;
        Problems = problems;
    }

    /// <summary>The file the problems are in.</summary>
    public string FileName { get; }

    /// <summary>The problems, in line order.</summary>
    public IReadOnlyList<SampleFileProblem> Problems { get; }

    private static string FormatMessage(string fileName, IReadOnlyList<SampleFileProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        return $"{fileName}: invalid samples ({count}):{string.Concat(problems.Select(p => $"{Environment.NewLine}{fileName}:{(p.Line is null ? " " : string.Empty)}{p}"))}";
    }
}
