namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>A series selector or series literal that is not valid, with the column where it goes wrong.</summary>
/// <remarks>
/// The message names the input, the 1-based column and what was expected there, e.g.
/// <c>Invalid series selector 'cpu{a=}' at column 7: expected a quoted label value, found '}'.</c>
/// </remarks>
public sealed class SelectorParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SelectorParseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SelectorParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SelectorParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at a column of the input.</summary>
    /// <param name="message">The full message, naming input, column and what was expected.</param>
    /// <param name="column">The 1-based column of the problem.</param>
    /// <param name="reason">What was expected or wrong, without the input and column.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SelectorParseException(string message, int column, string reason, Exception? innerException = null)
        : base(message, innerException)
    {
        Column = column;
        Reason = reason;
    }

    /// <summary>The 1-based column (character position) of the problem in the input.</summary>
    public int Column { get; }

    /// <summary>What was expected or wrong at <see cref="Column"/>, without the input text.</summary>
    public string Reason { get; } = string.Empty;
}
