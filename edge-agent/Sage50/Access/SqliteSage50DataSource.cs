using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>A demo company opened read-only; stands in for an ODBC connection to the Sage driver.</summary>
public sealed class SqliteSage50DataSource(SqliteConnection connection) : ISage50DataSource
{
    public async Task<DbDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Not disposed here: disposing a SqliteCommand also disposes its open reader. The reader releases the
        // statement when it is disposed, and the connection finalises any command left over when it closes.
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetColumnsAsync(string table, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0).ToUpperInvariant());
        }

        return columns;
    }

    /// <summary>The demo company keeps dates as ISO text, which compares in order; SQLite has no ODBC escapes.</summary>
    public string TimestampLiteral(DateTime value) =>
        "'" + value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "'";

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
