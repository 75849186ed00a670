namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// A sum the records of a data type must add up to: <paramref name="Field"/> is a top-level field of the record
/// (e.g. invoices/totalAmount), or for journalEntries "journalLines.netAmount>0", the sum of all debit lines.
/// </summary>
public sealed record DemoControlTotal(string DataType, string Field, decimal Total);
