using System.Data.Common;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// An open, read-only Sage 50 company. Deliberately thin: plain SELECTs written with Sage's own table and
/// column names, answered by a <see cref="DbDataReader"/>, so the same SQL runs through the Sage ODBC driver
/// on Windows and through the SQLite demo company here. Readers may hold more than one reader open at once
/// (merge-ordered streams); both the SQLite fake and the Sage ODBC driver allow several statements per connection.
/// </summary>
public interface ISage50DataSource : IAsyncDisposable
{
    Task<DbDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken);
}
