using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Writes one record at a time as compact UTF-8 JSON, reusing one buffer. Field names are Codat's (camelCase),
/// written in the order each reader writes them, so the same row always gives the same bytes; fields with no value
/// are left out rather than written as null.
/// </summary>
public sealed class CodatJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // Names and addresses are data, not HTML: keep "&", "'" and "£" readable instead of \u-escaping them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public CodatJsonWriter() => _json = new Utf8JsonWriter(_buffer, Options);

    /// <summary>Starts a record and returns the writer positioned inside its top-level object.</summary>
    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        return _json;
    }

    /// <summary>Closes the record and copies it out, so the consumer owns the bytes.</summary>
    public Sage50Record End(string id)
    {
        _json.WriteEndObject();
        _json.Flush();
        return new Sage50Record(id, _buffer.WrittenSpan.ToArray());
    }

    public static string Id(int number) => number.ToString(CultureInfo.InvariantCulture);
}
