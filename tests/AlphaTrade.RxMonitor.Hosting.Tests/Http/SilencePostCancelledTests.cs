using AlphaTrade.RxMonitor.Alerting;
using System.Text;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary>A silence POST whose client goes away ends quietly instead of throwing out of the endpoint.</summary>
public sealed class SilencePostCancelledTests
{
    private const string Body = """
        {"matchers":[{"name":"alertname","value":"high_cpu","isRegex":false}],"endsAt":"2026-01-01T14:00:00Z","createdBy":"alice","comment":"maintenance"}
        """;

    private static DefaultHttpContext Request(CancellationToken aborted)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Body));
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static TimeProvider Clock()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks);
        return scheduler.AsTimeProvider();
    }

    [Fact]
    public async Task Create_ClientGoneWhileTheProviderStoresTheSilence_EndsWithoutThrowing()
    {
        using var gone = new CancellationTokenSource();
        var provider = new ClientLeavesProvider(gone);
        var context = Request(gone.Token);

        await SilencesEndpoint.Create(provider, Clock())(context);

        Assert.Equal(1, provider.Calls);
    }

    [Fact]
    public async Task Create_ClientGoneWhileTheBodyIsRead_EndsWithoutThrowing()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var provider = new ClientLeavesProvider(gone);

        await SilencesEndpoint.Create(provider, Clock())(Request(gone.Token));

        Assert.Equal(0, provider.Calls);
    }

    /// <summary>Cancels the request while it is asked to add the silence, as a client closing its connection then.</summary>
    private sealed class ClientLeavesProvider(CancellationTokenSource request) : ISilenceProvider
    {
        public int Calls { get; private set; }

        public ValueTask<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<Silence>>([]);

        public async ValueTask<string> AddSilenceAsync(Silence silence, CancellationToken cancellationToken)
        {
            Calls++;
            await request.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return "s1";
        }

        public ValueTask<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
