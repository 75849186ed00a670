using System.Data.Common;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// An open, read-only Sage 50 company. Deliberately thin: plain SELECTs written with Sage's own table and
/// column names, answered by a <see cref="DbDataReader"/>, so the same SQL can run through the Sage ODBC driver
/// on Windows and through the SQLite demo company here.
/// </summary>
/// <remarks>
/// Two implementations: <see cref="SqliteSage50DataSource"/> (the demo company's SQLite file, opened directly) and
/// <see cref="Odbc.OdbcSage50DataSource"/> (an <c>OdbcConnection</c> with a DSN-less connection string: Sage's
/// <c>Driver={Sage Line 50 vNN};DIR=...;UID=...;PWD=...</c> on Windows, the SQLite ODBC driver over the demo here;
/// columns from <c>GetSchema("Columns")</c>). Readers hold several readers open at once (merge-ordered streams of
/// headers, splits and allocations); SQLite, the SQLite ODBC driver and the Sage ODBC driver all allow several
/// statements per connection.
/// </remarks>
public interface ISage50DataSource : IAsyncDisposable
{
    Task<DbDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken);

    /// <summary>
    /// The column names of a table, upper-case, or an empty set when the table does not exist. Sage adds columns
    /// in later versions, so readers ask before selecting an optional one.
    /// </summary>
    Task<IReadOnlySet<string>> GetColumnsAsync(string table, CancellationToken cancellationToken);

    /// <summary>
    /// A date and time as a literal this source compares with Sage's RECORD_MODIFY_DATE: the ODBC timestamp escape,
    /// which the Sage driver and the SQLite ODBC driver both translate.
    /// </summary>
    string TimestampLiteral(DateTime value) =>
        "{ts '" + value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "'}";
}
