using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>A demo company opened read-only; stands in for an ODBC connection to the Sage driver.</summary>
public sealed class SqliteSage50DataSource(SqliteConnection connection) : ISage50DataSource
{
    public async Task<DbDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The command object is only a holder for the statement; the reader keeps the prepared statement alive.
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
