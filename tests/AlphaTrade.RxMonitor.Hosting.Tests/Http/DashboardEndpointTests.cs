using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary>The dashboard's files: embedded, within the size budget, served with a strict CSP, gzip and ETags.</summary>
public sealed class DashboardEndpointTests : IAsyncLifetime
{
    /// <summary>The budget for the whole page, uncompressed: HTML, our scripts and styles, and uPlot.</summary>
    private const int BudgetBytes = 150 * 1024;

    private RunningServer? _running;

    public async Task InitializeAsync() => _running = await RunningServer.StartAsync(new RxMonitorEndpointSources());

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    private HttpClient Client => _running!.Client;

    [Fact]
    public void Assets_WholePage_WithinTheBudgetAndIncludesUPlot()
    {
        var files = DashboardAssets.Instance.Files;

        Assert.Contains("uPlot.iife.min.js", files.Keys);
        Assert.Contains("uPlot.min.css", files.Keys);
        Assert.Contains("app.js", files.Keys);
        var total = files.Values.Sum(static f => f.Content.Length);
        Assert.True(total <= BudgetBytes, $"The dashboard is {total} bytes uncompressed; the budget is {BudgetBytes}.");
    }

    [Fact]
    public async Task Page_Root_ServedWithAStrictContentSecurityPolicyAndNoInlineScript()
    {
        using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_AcceptsGzip_ServedCompressedAndDecompressesToTheFile()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/assets/uPlot.iife.min.js", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await Client.SendAsync(request);
        var zipped = await response.Content.ReadAsByteArrayAsync();
        await using var unzip = new GZipStream(new MemoryStream(zipped), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await unzip.CopyToAsync(plain);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(zipped.Length < plain.Length / 2, "gzip should at least halve a minified script");
        Assert.Equal(DashboardAssets.Instance.Files["uPlot.iife.min.js"].Content, plain.ToArray());
    }

    [Fact]
    public async Task Asset_MatchingETag_304()
    {
        using var first = await Client.GetAsync(new Uri("/assets/app.js", UriKind.Relative));
        var etag = first.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/assets/app.js", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(etag);

        using var second = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(0, (await second.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Asset_UnknownName_404()
    {
        using var response = await Client.GetAsync(new Uri("/assets/secret.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
