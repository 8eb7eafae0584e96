using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// <c>/api/silences</c> in Alertmanager's v2 shapes: <c>GET</c> lists silences, <c>POST</c> creates one from a
/// postable silence and answers <c>{"silenceID": …}</c>, <c>DELETE /api/silences/{id}</c> expires one.
/// </summary>
/// <remarks>
/// A POST is validated in full before it reaches the store; a bad one gets 400 with
/// <c>{"errors": [...]}</c> listing every problem with its JSON path (e.g. <c>matchers[1].name</c>), in words
/// rather than .NET type names. A body with an <c>id</c> (Alertmanager's way to update a silence) is refused:
/// updates are not supported, so it would otherwise create a second silence.
/// A silence's state is computed from the clock: <c>pending</c> before it starts, <c>active</c>, then <c>expired</c>.
/// </remarks>
internal static class SilencesEndpoint
{
    public static RequestDelegate List(ISilenceProvider provider, TimeProvider clock) => async context =>
    {
        var now = clock.GetUtcNow();
        var silences = await provider.GetSilencesAsync(context.RequestAborted).ConfigureAwait(false);
        var body = silences.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal).Select(s => ToJson(s, now)).ToList();
        await HttpJson.WriteAsync<IReadOnlyList<GettableSilence>>(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    };

    public static RequestDelegate Create(ISilenceProvider provider, TimeProvider clock) => async context =>
    {
        try
        {
            await CreateAsync(provider, clock, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer. A silence already handed to the provider was stored or
            // refused as for any request (the provider decides that without the request's token).
        }
    };

    public static RequestDelegate Expire(ISilenceProvider provider) => async context =>
    {
        var id = context.GetRouteValue("id") as string ?? string.Empty;
        if (await provider.ExpireSilenceAsync(id, context.RequestAborted).ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        await HttpJson.WriteErrorsAsync(context, StatusCodes.Status404NotFound, [$"No silence has the id '{id}'."]).ConfigureAwait(false);
    };

    private static async Task CreateAsync(ISilenceProvider provider, TimeProvider clock, HttpContext context)
    {
        PostableSilence? posted;
        try
        {
            posted = await JsonSerializer.DeserializeAsync<PostableSilence>(context.Request.Body, HttpJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, [BodyProblem(e)]).ConfigureAwait(false);
            return;
        }

        var (silence, errors) = Validate(posted, clock.GetUtcNow());
        if (silence is null)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status400BadRequest, errors).ConfigureAwait(false);
            return;
        }

        string id;
        try
        {
            id = await provider.AddSilenceAsync(silence, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SilenceRefusedException e)
        {
            await HttpJson.WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, [e.Message]).ConfigureAwait(false);
            return;
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new Created(id)).ConfigureAwait(false);
    }

    internal static (Silence? Silence, IReadOnlyList<string> Errors) Validate(PostableSilence? posted, DateTimeOffset now)
    {
        if (posted is null)
        {
            return (null, ["The body must be a JSON object (a silence)."]);
        }

        var errors = new List<string>();
        if (posted.Id is not null)
        {
            errors.Add($"id: updating a silence is not supported; expire '{posted.Id}' (DELETE /api/silences/{posted.Id}) and post the new one without an id.");
        }

        var matchers = new List<LabelMatcher>();
        if (posted.Matchers is not { Count: > 0 })
        {
            errors.Add("matchers: at least one matcher is required.");
        }
        else
        {
            for (var i = 0; i < posted.Matchers.Count; i++)
            {
                var m = posted.Matchers[i];
                if (m is null)
                {
                    errors.Add($"matchers[{i}]: must be an object with name and value.");
                    continue;
                }

                var op = (m.IsRegex, m.IsEqual ?? true) switch
                {
                    (true, true) => MatchOperator.RegexMatch,
                    (true, false) => MatchOperator.RegexNotMatch,
                    (false, true) => MatchOperator.Equal,
                    (false, false) => MatchOperator.NotEqual,
                };
                if (string.IsNullOrEmpty(m.Name) || (m.Name != MetricNames.NameLabel && !MetricNames.IsValidLabelName(m.Name)))
                {
                    errors.Add($"matchers[{i}].name: '{m.Name}' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*).");
                    continue;
                }

                if (m.Value is null)
                {
                    errors.Add($"matchers[{i}].value: required.");
                    continue;
                }

                try
                {
                    matchers.Add(new LabelMatcher(m.Name, op, m.Value));
                }
                catch (ArgumentException e)
                {
                    errors.Add($"matchers[{i}].value: {WithoutParameterName(e)}");
                }
            }

            if (matchers.Count == posted.Matchers.Count && matchers.TrueForAll(static m => m.MatchesEmpty))
            {
                errors.Add("matchers: at least one matcher must not match the empty value, or the silence would mute every alert.");
            }
        }

        var startsAt = posted.StartsAt ?? now;
        if (posted.EndsAt is not { } endsAt)
        {
            errors.Add("endsAt: required.");
        }
        else if (endsAt <= startsAt)
        {
            errors.Add($"endsAt: {endsAt:O} must be after startsAt ({startsAt:O}).");
        }
        else if (endsAt <= now)
        {
            errors.Add($"endsAt: {endsAt:O} is in the past.");
        }

        if (string.IsNullOrWhiteSpace(posted.CreatedBy))
        {
            errors.Add("createdBy: required.");
        }

        if (string.IsNullOrWhiteSpace(posted.Comment))
        {
            errors.Add("comment: required.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Silence
            {
                Id = string.Empty,
                Matchers = matchers,
                StartsAt = startsAt,
                EndsAt = posted.EndsAt!.Value,
                CreatedBy = posted.CreatedBy!,
                Comment = posted.Comment!,
                UpdatedAt = now,
            }, errors);
    }

    // What each field holds, for a body whose field has the wrong JSON type (the serializer's message names .NET types).
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["id"] = "a string",
        ["matchers"] = "an array of matchers ({\"name\", \"value\", \"isRegex\", \"isEqual\"})",
        ["name"] = "a string",
        ["value"] = "a string",
        ["isRegex"] = "true or false",
        ["isEqual"] = "true or false",
        ["startsAt"] = "an RFC 3339 time (2026-01-01T00:00:00Z)",
        ["endsAt"] = "an RFC 3339 time (2026-01-01T00:00:00Z)",
        ["createdBy"] = "a string",
        ["comment"] = "a string",
    };

    private static string BodyProblem(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : string.Empty;
        var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (path is not null && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var field = path[(path.LastIndexOf('.') + 1)..];
            field = field.Contains('[', StringComparison.Ordinal) ? field[..field.IndexOf('[', StringComparison.Ordinal)] : field;
            return Expected.TryGetValue(field, out var expected)
                ? $"{path}: expected {expected}{where}."
                : $"{path}: a value of the wrong type{where}.";
        }

        var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return $"The body is not valid JSON{where}: {reason}.";
    }

    private static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);

    private static GettableSilence ToJson(Silence silence, DateTimeOffset now)
    {
        var state = silence.StateAt(now) switch
        {
            SilenceState.Pending => "pending",
            SilenceState.Active => "active",
            _ => "expired",
        };
        return new GettableSilence(
            silence.Id,
            [.. silence.Matchers.Select(static m => new MatcherJson(
                m.Name,
                m.Value,
                m.Operator is MatchOperator.RegexMatch or MatchOperator.RegexNotMatch,
                m.Operator is MatchOperator.Equal or MatchOperator.RegexMatch))],
            silence.StartsAt,
            silence.EndsAt,
            silence.CreatedBy,
            silence.Comment,
            new SilenceStatus(state));
    }

    internal sealed record PostableSilence(
        IReadOnlyList<MatcherJson?>? Matchers,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt,
        string? CreatedBy,
        string? Comment,
        string? Id = null);

    internal sealed record MatcherJson(string? Name, string? Value, bool IsRegex, bool? IsEqual);

    internal sealed record GettableSilence(
        string Id,
        IReadOnlyList<MatcherJson> Matchers,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        string CreatedBy,
        string Comment,
        SilenceStatus Status);

    internal sealed record SilenceStatus(string State);

    internal sealed record Created([property: JsonPropertyName("silenceID")] string SilenceId);
}
