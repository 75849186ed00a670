namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// One record of a data type: its id in the Codat model and the record as one compact UTF-8 JSON object (no
/// trailing newline, no line breaks inside), ready to be appended to an NDJSON batch. The bytes belong to the
/// consumer: every record has its own buffer.
/// </summary>
public readonly record struct Sage50Record(string Id, ReadOnlyMemory<byte> Json);
