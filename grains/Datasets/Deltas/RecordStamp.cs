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

    private const string Layout = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>UTC with a fixed width, so the text sorts as the instant does (<c>orderBy=-modifiedDate</c>).</summary>
    public static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString(Layout, CultureInfo.InvariantCulture);

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

    /// <summary>
    /// The inverse of <see cref="Stamp"/>: the line without the <c>modifiedDate</c> it ends with, and that date; null when
    /// the line does not end with one (a line kept stamped in storage, as retained removals are, always does).
    /// </summary>
    public static (string Line, DateTimeOffset Seen)? Unstamp(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var field = $"\"{ModifiedDateField}\":\"";
        var start = line.LastIndexOf(field, StringComparison.Ordinal);
        var end = line.LastIndexOf('}');
        var valueStart = start + field.Length;
        if (start < 0 || end < valueStart + 1 || line[end - 1] != '"'
            || !DateTimeOffset.TryParseExact(line.AsSpan(valueStart, end - 1 - valueStart), Layout,
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var seen))
        {
            return null;
        }

        // Stamp put a comma before the field unless the record was otherwise empty.
        var cut = start > 0 && line[start - 1] == ',' ? start - 1 : start;
        return (string.Concat(line.AsSpan(0, cut), line.AsSpan(end)), seen);
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
