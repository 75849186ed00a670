namespace Ledgerlink.Grains.Datasets.Deltas;

/// <summary>
/// One record of a committed version as <see cref="MergedRecords"/> merges it: its last stored version, when Ledgerlink
/// saw that version (or saw the record gone), and whether Sage still has it.
/// </summary>
/// <param name="stored">The line as readers see it when storage keeps it so already (retained removals).</param>
public sealed class MergedRecord(string line, DateTimeOffset seen, bool removed, string? stored = null)
{
    private string? _id;

    public string Line => line;

    public DateTimeOffset Seen => seen;

    public bool Removed => removed;

    /// <summary>The record's id; parsed only when asked, since most reads never need it.</summary>
    public string Id => _id ??= MergedRecords.IdOf(line);

    /// <summary>The line a reader gets: stamped with <c>modifiedDate</c>, and marked deleted when Sage no longer has it.</summary>
    public string ReaderLine() => stored ?? RecordStamp.Stamp(removed ? RecordStamp.MarkDeleted(line) : line, seen);
}
