namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>Waits (with a generous safety bound, never asserted on) for a condition another thread brings about.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (bound.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }
}
