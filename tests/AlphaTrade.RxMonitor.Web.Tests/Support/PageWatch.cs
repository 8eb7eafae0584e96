using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace AlphaTrade.RxMonitor.Web.Tests.Support;

/// <summary>Records what a page does: every request URL, every console error and uncaught exception, every API response.</summary>
internal sealed class PageWatch
{
    public PageWatch(IPage page)
    {
        page.Request += (_, r) => Requests.Enqueue(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                Errors.Enqueue($"console: {m.Text} at {m.Location}");
            }
        };
        page.PageError += (_, e) => Errors.Enqueue($"page error: {e}");
        page.Response += (_, r) => Responses.Enqueue((r.Url, r.Status));
        page.RequestFailed += (_, r) => Failures.Enqueue($"{r.Url}: {r.Failure}");
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public ConcurrentQueue<(string Url, int Status)> Responses { get; } = new();

    public ConcurrentQueue<string> Failures { get; } = new();
}
