using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// What the cluster adds to a stored record on its way to a reader: <c>modifiedDate</c>, when Ledgerlink saw this
/// version (the commit time of the segment holding it, so stored bytes are never rewritten to carry it), and for a
/// record Sage no longer has, <c>metadata.isDeleted: true</c> on its last version.
/// </summary>
public static class RecordStamp
{
    public const string ModifiedDateField = "modifiedDate";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>UTC with a fixed width, so the text sorts as the instant does (<c>orderBy=-modifiedDate</c>).</summary>
    public static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The record line with <c>modifiedDate</c> added as its last field.</summary>
    public static string Stamp(string line, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(line);
        var end = line.LastIndexOf('}');
        if (end < 0)
        {
            return line;
        }

        var empty = line.AsSpan(0, end).TrimEnd().EndsWith("{", StringComparison.Ordinal);
        return string.Concat(line.AsSpan(0, end), empty ? "" : ",", $"\"{ModifiedDateField}\":\"{Format(seen)}\"", line.AsSpan(end));
    }

    /// <summary>The record's last version marked deleted, as Codat shows a record gone from the source.</summary>
    public static string MarkDeleted(string line)
    {
        if (JsonNode.Parse(line) is not JsonObject record)
        {
            return line;
        }

        if (record["metadata"] is JsonObject metadata)
        {
            metadata["isDeleted"] = true;
        }
        else
        {
            record["metadata"] = new JsonObject { ["isDeleted"] = true };
        }

        return record.ToJsonString(Relaxed);
    }
}
