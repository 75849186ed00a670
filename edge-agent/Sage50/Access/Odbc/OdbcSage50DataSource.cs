using System.Data;
using System.Data.Common;
using System.Data.Odbc;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// A company opened through an ODBC driver (the Sage Line 50 driver on Windows; unixODBC with the SQLite driver over
/// the demo company here). Table columns come from the driver's own catalogue (<c>SQLColumns</c>), not from SQL.
/// </summary>
public sealed class OdbcSage50DataSource(OdbcConnection connection, string driver) : ISage50DataSource
{
    /// <summary>The driver this company was opened with.</summary>
    public string Driver { get; } = driver;

    public async Task<DbDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Not disposed here: the reader owns the statement handle and frees it when it is closed; disposing the
        // command first would close the reader under the caller.
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetColumnsAsync(string table, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Restrictions: catalog, schema, table, column. Sage names its tables upper-case; drivers differ in whether
        // they fold case, so both spellings are asked before concluding the table is not there.
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { table, table.ToUpperInvariant() }.Distinct(StringComparer.Ordinal))
        {
            using var schema = connection.GetSchema("Columns", [null, null, name, null]);
            foreach (DataRow row in schema.Rows)
            {
                if (row["COLUMN_NAME"] is string column)
                {
                    columns.Add(column.ToUpperInvariant());
                }
            }

            if (columns.Count > 0)
            {
                break;
            }
        }

        return Task.FromResult<IReadOnlySet<string>>(columns);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
