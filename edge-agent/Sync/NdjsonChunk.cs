namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>Consecutive records as NDJSON (each ends with "\n"), not yet compressed.</summary>
public sealed record NdjsonChunk(byte[] Buffer, int Length, int RecordCount);
