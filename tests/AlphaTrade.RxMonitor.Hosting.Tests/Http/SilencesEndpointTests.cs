using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class SilencesEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestScheduler _clock = new();
    private readonly InMemorySilenceProvider _silences;
    private RunningServer? _running;

    public SilencesEndpointTests()
    {
        _clock.AdvanceTo(Now.UtcTicks);
        _silences = new InMemorySilenceProvider(_clock.AsTimeProvider());
    }

    private HttpClient Client => _running!.Client;

    public async Task InitializeAsync() =>
        _running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Silences = _silences, TimeProvider = _clock.AsTimeProvider() });

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Silence Silence(string id, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        TestSilences.Of(id, new LabelMatcher("alertname", MatchOperator.Equal, "high_cpu"), startsAt, endsAt, "ops", "maintenance");

    [Fact]
    public async Task Post_ValidSilence_StoresItAndReturnsItsId()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"matchers":[{"name":"alertname","value":"high_cpu","isRegex":false},{"name":"host","value":"db-.*","isRegex":true,"isEqual":false}],
             "endsAt":"2026-01-01T14:00:00Z","createdBy":"alice","comment":"maintenance"}
            """));

        Assert.Equal(200, (int)response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("silenceID").GetString();
        var stored = Assert.Single(_silences.Silences);
        Assert.Equal(stored.Id, id);
        Assert.Equal(Now, stored.StartsAt);
        Assert.Equal(
            [new LabelMatcher("alertname", MatchOperator.Equal, "high_cpu"), new LabelMatcher("host", MatchOperator.RegexNotMatch, "db-.*")],
            stored.Matchers);
    }

    [Fact]
    public async Task Post_InvalidSilence_400ListingEveryProblemWithItsPath()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"matchers":[{"name":"bad-name","value":"x"},{"name":"host","value":"(","isRegex":true}],
             "startsAt":"2026-01-01T13:00:00Z","endsAt":"2026-01-01T12:30:00Z","createdBy":" "}
            """));

        Assert.Equal(400, (int)response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(static e => e.GetString()!).ToList();
        Assert.Collection(
            errors,
            e => Assert.StartsWith("matchers[0].name: 'bad-name' is not a valid label name", e, StringComparison.Ordinal),
            e => Assert.StartsWith("matchers[1].value: '(' is not a valid regular expression", e, StringComparison.Ordinal),
            e => Assert.StartsWith("endsAt: 2026-01-01T12:30:00.0000000+00:00 must be after startsAt", e, StringComparison.Ordinal),
            e => Assert.Equal("createdBy: required.", e),
            e => Assert.Equal("comment: required.", e));
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_MatchersThatMatchEverything_400()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"matchers":[{"name":"host","value":".*","isRegex":true}],"endsAt":"2026-01-01T14:00:00Z","createdBy":"a","comment":"b"}
            """));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("must not match the empty value", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EndInThePast_400()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"matchers":[{"name":"host","value":"a"}],"startsAt":"2026-01-01T10:00:00Z","endsAt":"2026-01-01T11:00:00Z","createdBy":"a","comment":"b"}
            """));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("endsAt: 2026-01-01T11:00:00.0000000+00:00 is in the past.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyNotJson_400()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("{matchers:"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(
            ["The body is not valid JSON (line 1, column 2): 'm' is an invalid start of a property name. Expected a '\"'."],
            await ErrorsAsync(response));
    }

    [Fact]
    public async Task Post_WithAnId_400BecauseUpdatesAreNotSupported()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"id":"abc","matchers":[{"name":"host","value":"a"}],"endsAt":"2026-01-01T14:00:00Z","createdBy":"a","comment":"b"}
            """));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(
            ["id: updating a silence is not supported; expire 'abc' (DELETE /api/silences/abc) and post the new one without an id."],
            await ErrorsAsync(response));
        Assert.Empty(_silences.Silences);
    }

    [Fact]
    public async Task Post_FieldOfTheWrongType_400InWordsWithoutTypeNames()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"matchers":{"name":"host"},"endsAt":"2026-01-01T14:00:00Z","createdBy":"a","comment":"b"}
            """));

        Assert.Equal(400, (int)response.StatusCode);
        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal("matchers: expected an array of matchers ({\"name\", \"value\", \"isRegex\", \"isEqual\"}) (line 1, column 14).", error);
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Post_InvalidRegex_ProblemHasNoParameterName()
    {
        using var response = await Client.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""
            {"matchers":[{"name":"host","value":"(","isRegex":true}],"endsAt":"2026-01-01T14:00:00Z","createdBy":"a","comment":"b"}
            """));

        var error = Assert.Single(await ErrorsAsync(response));
        Assert.StartsWith("matchers[0].value: '(' is not a valid regular expression", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(static e => e.GetString()!)];

    [Fact]
    public async Task Get_SilencesInEachPhase_ServesTheirStates()
    {
        _silences.Add(Silence("a", Now.AddHours(-2), Now.AddHours(-1)));
        _silences.Add(Silence("b", Now.AddHours(-1), Now.AddHours(1)));
        _silences.Add(Silence("c", Now.AddHours(1), Now.AddHours(2)));

        var list = await Client.GetFromJsonAsync<JsonElement>(new Uri("/api/silences", UriKind.Relative));

        Assert.Equal(
            [("a", "expired"), ("b", "active"), ("c", "pending")],
            list.EnumerateArray().Select(static s => (s.GetProperty("id").GetString(), s.GetProperty("status").GetProperty("state").GetString())));
        var matcher = list[0].GetProperty("matchers")[0];
        Assert.Equal(("alertname", "high_cpu", false, true), (matcher.GetProperty("name").GetString(), matcher.GetProperty("value").GetString(), matcher.GetProperty("isRegex").GetBoolean(), matcher.GetProperty("isEqual").GetBoolean()));
    }

    [Fact]
    public async Task Delete_KnownSilence_ExpiresIt()
    {
        _silences.Add(Silence("b", Now.AddHours(-1), Now.AddHours(1)));

        using var response = await Client.DeleteAsync(new Uri("/api/silences/b", UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(Now, Assert.Single(_silences.Silences).EndsAt);
    }

    [Fact]
    public async Task Delete_UnknownSilence_404()
    {
        using var response = await Client.DeleteAsync(new Uri("/api/silences/nope", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("No silence has the id 'nope'.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
