namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Alerting configuration is invalid; <see cref="Errors"/> lists every problem with its JSON path.</summary>
public sealed class AlertingOptionsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlertingOptionsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public AlertingOptionsException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public AlertingOptionsException(string message, Exception innerException)
        : this([message], innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Every problem, each prefixed with its path.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public AlertingOptionsException(IReadOnlyList<string> errors, Exception? innerException = null)
        : base(Describe(errors), innerException)
    {
        Errors = errors;
    }

    /// <summary>Every problem, each prefixed with its JSON path.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string>? errors) =>
        errors is null || errors.Count == 0
            ? "Alerting configuration is invalid."
            : $"Alerting configuration has {errors.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
