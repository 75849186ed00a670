using System.Text;

namespace Ledgerlink.PullOperations;

/// <summary>
/// The one line a delta carries besides records: a removal marker, <c>{"id":"…","ledgerlinkRemoved":true}</c>, for a
/// record Sage no longer has. Readers of the dataset see the record's last version with <c>metadata.isDeleted</c> true.
/// </summary>
public static class DeltaLines
{
    public const string RemovedProperty = "ledgerlinkRemoved";

    private static readonly byte[] RemovedSuffix = Encoding.UTF8.GetBytes($",\"{RemovedProperty}\":true}}");

    public static byte[] Removal(string id)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(id);
        return Encoding.UTF8.GetBytes($"{{\"id\":{json},\"{RemovedProperty}\":true}}");
    }

    /// <summary>Whether a delta line is a removal marker (markers are written by <see cref="Removal"/> only).</summary>
    public static bool IsRemoval(ReadOnlySpan<byte> line) => line.EndsWith(RemovedSuffix);
}
