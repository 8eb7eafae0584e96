using System.Net;
using System.Text;
using System.Text.Json;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Fuzz;
using AlphaTrade.RxMonitor.Time;
using CsCheck;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Fuzz;

/// <summary>
/// Fuzzing <c>POST /api/silences</c> (CsCheck, bounded, one thread) with mutated, huge and wrongly typed bodies: every
/// answer is 200, 400 with a JSON list of errors or 413 for a body over the limit, never a server error or a stack trace, and the silence that was
/// there before is still there.
/// </summary>
public sealed class SilenceBodyFuzzTests : IAsyncLifetime
{
    private const string Valid = """
        {"matchers":[{"name":"alertname","value":"high_cpu","isRegex":false},{"name":"host","value":"db-.*","isRegex":true,"isEqual":false}],
         "startsAt":"2026-01-01T12:00:00Z","endsAt":"2026-01-01T14:00:00Z","createdBy":"alice","comment":"maintenance"}
        """;

    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestScheduler _clock = new();
    private readonly InMemorySilenceProvider _silences;
    private RunningServer? _running;

    public SilenceBodyFuzzTests()
    {
        _clock.AdvanceTo(Now.UtcTicks);
        _silences = new InMemorySilenceProvider(_clock.AsTimeProvider());
        _silences.Add(TestSilences.Of("existing", new LabelMatcher("alertname", MatchOperator.Equal, "x"), Now, Now.AddHours(1), "ops", "kept"));
    }

    public async Task InitializeAsync() =>
        _running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Silences = _silences, TimeProvider = _clock.AsTimeProvider() });

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    private void AssertAnswered(string body)
    {
        using var response = _running!.Client.PostAsync(new Uri("/api/silences", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge,
            $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 300)]}: {text[..Math.Min(text.Length, 300)]}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            using var errors = JsonDocument.Parse(text);
            Assert.NotEqual(0, errors.RootElement.GetProperty("errors").GetArrayLength());
        }
    }

    [Trait("Category", "Integration")]
    [Fact]
    public void Post_MutatedBodies_200Or400AndTheExistingSilenceStays()
    {
        TextMutation.Of(Valid).Sample(AssertAnswered, iter: 400, threads: 1, seed: "0N0XIzNsQ0O2");

        Assert.Contains(_silences.Silences, static s => s.Id == "existing");
    }

    [Theory]
    [InlineData("""{"matchers": "alertname=x", "endsAt": "2026-01-01T14:00:00Z", "createdBy": "a", "comment": "c"}""")]
    [InlineData("""{"matchers": [{"name": 1, "value": true}], "endsAt": 5, "createdBy": [], "comment": {}}""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""null""")]
    [InlineData("")]
    public void Post_WrongTypes_400(string body) => AssertAnswered(body);

    [Fact]
    public void Post_DeeplyNestedBody_400()
    {
        AssertAnswered(new string('[', 10_000) + new string(']', 10_000));
    }

    [Fact]
    public void Post_HugeBody_AnsweredWithoutServerError()
    {
        AssertAnswered(Valid.Replace("maintenance", new string('x', 2_000_000), StringComparison.Ordinal));
    }
}
