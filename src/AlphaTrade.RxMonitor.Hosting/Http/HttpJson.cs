using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>JSON conventions of the endpoints: camelCase, enums as camelCase strings, UTF-8, never cached.</summary>
internal static class HttpJson
{
    /// <summary>The writer settings that match <see cref="Options"/>: quotes and '+' kept readable.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>Writes a body made by <paramref name="write"/>, e.g. alerts in <see cref="Exposition.AlertJson"/>'s shape.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    /// <summary>The text made by <paramref name="write"/> (for an event stream's data).</summary>
    public static string Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Task WriteErrorsAsync(HttpContext context, int statusCode, IReadOnlyList<string> errors) =>
        WriteAsync(context, statusCode, new ErrorsBody(errors));

    internal sealed record ErrorsBody(IReadOnlyList<string> Errors);
}
