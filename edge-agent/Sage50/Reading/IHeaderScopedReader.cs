using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// A reader whose records are the audit trail's transactions, one per AUDIT_HEADER (id = HEADER_NUMBER), that can
/// read only some of them: an incremental sync reads the transactions in a <see cref="HeaderScope"/> instead of the
/// whole audit trail. Records read this way are byte for byte the ones a whole read gives for the same headers.
/// </summary>
public interface IHeaderScopedReader : ISage50Reader
{
    /// <summary>
    /// The records of the headers in <paramref name="scope"/>, in HEADER_NUMBER order, plus any other record the
    /// changes in <paramref name="changes"/> alter without touching its own rows (a running balance after a changed
    /// posting), so a delta built on these is exact.
    /// </summary>
    IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken);
}
