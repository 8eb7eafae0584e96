namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// Thrown by <see cref="ISilenceProvider.AddSilenceAsync"/> when a silence could not be made durable (the store could
/// not commit it); <c>POST /api/silences</c> answers 503 with <see cref="Exception.Message"/> as the reason.
/// </summary>
internal sealed class SilenceRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SilenceRefusedException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    /// <param name="message">Why the silence was refused, naming the store.</param>
    public SilenceRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    /// <param name="message">Why the silence was refused.</param>
    /// <param name="innerException">The cause.</param>
    public SilenceRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
