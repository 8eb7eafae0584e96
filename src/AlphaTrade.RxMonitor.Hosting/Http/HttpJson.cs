using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>JSON conventions of the endpoints: camelCase, enums as camelCase strings, UTF-8, never cached.</summary>
internal static class HttpJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // Served as application/json only, never embedded in HTML: keep quotes and '+' readable in messages.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(HttpContext context, int statusCode, object? value, Type type)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, Options, context.RequestAborted);
    }

    public static Task WriteAsync<T>(HttpContext context, int statusCode, T value) => WriteAsync(context, statusCode, value, typeof(T));

    public static Task WriteErrorsAsync(HttpContext context, int statusCode, IReadOnlyList<string> errors) =>
        WriteAsync(context, statusCode, new ErrorsBody(errors));

    internal sealed record ErrorsBody(IReadOnlyList<string> Errors);
}
