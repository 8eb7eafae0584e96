namespace AlphaTrade.RxMonitor.Diagnostics;

/// <summary>A listener that discards failures, for the facade constructors when no listener is configured.</summary>
internal sealed class NullFailureListener : IFailureListener
{
    public static NullFailureListener Instance { get; } = new();

    public void OnFailure(PipelineFailure failure)
    {
    }
}
