using System.Buffers;
using System.Text.Json;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>The table writers' one reused JSON buffer: a column value is serialized here and bound from here.</summary>
/// <remarks>Writer task only. The span a call returns is valid until the next call (binding copies it).</remarks>
internal sealed class JsonColumnBuffer : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public JsonColumnBuffer() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>Serializes <paramref name="value"/> with <paramref name="write"/> into the reused buffer.</summary>
    public ReadOnlySpan<byte> Write<T>(Action<Utf8JsonWriter, T> write, T value)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer, value);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>Binds the JSON of <paramref name="value"/>, or NULL when <paramref name="empty"/>.</summary>
    public void BindOrNull<T>(RawStatement statement, int index, bool empty, T value, Action<Utf8JsonWriter, T> write)
    {
        if (empty)
        {
            statement.BindNull(index);
        }
        else
        {
            statement.Bind(index, Write(write, value));
        }
    }

    public void Dispose() => _writer.Dispose();
}
