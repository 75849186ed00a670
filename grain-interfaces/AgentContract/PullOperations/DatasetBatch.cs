namespace Ledgerlink.PullOperations;

/// <summary>
/// A slice of a dataset as the agent sends it: newline-delimited JSON records, gzip-compressed as one gzip member,
/// so that committed blocks concatenate into one valid gzip stream. <paramref name="Sequence"/> starts at 0 and
/// increases by one; <paramref name="Sha256"/> is the hash of <paramref name="Payload"/> as sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.DatasetBatch")]
public sealed record DatasetBatch(
    [property: Id(0)] long Sequence,
    [property: Id(1)] int RecordCount,
    [property: Id(2)] byte[] Payload,
    [property: Id(3)] byte[] Sha256);
