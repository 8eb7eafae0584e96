using System.Net;
using System.Text;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary>
/// State-changing endpoints against other web pages: a cross-site "simple" POST (text/plain, a foreign Origin), a
/// DNS-rebinding POST (a foreign Host on the loopback listener), while API clients without Origin still work.
/// </summary>
public sealed class SameOriginTests : IAsyncLifetime
{
    private const string Silence = """
        {"matchers":[{"name":"alertname","value":"high_cpu","isRegex":false}],"endsAt":"2099-01-01T00:00:00Z","createdBy":"a","comment":"b"}
        """;

    private readonly InMemorySilenceProvider _silences = new(TimeProvider.System);
    private RunningServer? _running;

    public async Task InitializeAsync() =>
        _running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Silences = _silences });

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    private Uri Self => _running!.Server.BaseAddress;

    private async Task<HttpResponseMessage> PostAsync(string mediaType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/silences", UriKind.Relative))
        {
            Content = new StringContent(Silence, Encoding.UTF8, mediaType),
        };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        return await _running!.Client.SendAsync(request);
    }

    [Fact]
    public async Task Post_TextPlainFromAForeignOrigin_RefusedAndNothingStored()
    {
        using var response = await PostAsync("text/plain", ("Origin", "http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin: 'http://evil.example' is not this server's origin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_JsonFromAForeignOrigin_Refused()
    {
        using var response = await PostAsync("application/json", ("Origin", "http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_TextPlainWithoutOrigin_415()
    {
        using var response = await PostAsync("text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: must be application/json (got 'text/plain; charset=utf-8').", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_CrossSiteFetchMetadataWithoutOrigin_Refused()
    {
        using var response = await PostAsync("application/json", ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_DnsRebinding_ForeignHostWithItsOwnOrigin_Refused()
    {
        using var response = await PostAsync(
            "application/json",
            ("Host", $"evil.example:{Self.Port}"),
            ("Origin", $"http://evil.example:{Self.Port}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Host: 'evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_ApiClientWithoutOrigin_Accepted()
    {
        using var response = await PostAsync("application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_silences.Silences);
    }

    [Fact]
    public async Task Post_SameOriginPage_Accepted()
    {
        using var response = await PostAsync("application/json", ("Origin", Self.GetLeftPart(UriPartial.Authority)), ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_silences.Silences);
    }

    [Fact]
    public async Task Delete_FromAForeignOrigin_RefusedAndTheSilenceStays()
    {
        _silences.Add(TestSilences.Of("s1", new LabelMatcher("alertname", MatchOperator.Equal, "x"), DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, "a", "b"));
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/silences/s1", UriKind.Relative));
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await _running!.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DateTimeOffset.MaxValue, Assert.Single(_silences.Silences).EndsAt);
    }
}
