using Microsoft.Data.Sqlite;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// The stand-in for the Windows-only Sage ODBC driver: a Sage-shaped SQLite file at
/// &lt;data directory&gt;/ACCDATA/sage50.sqlite, with Sage's table and column names, opened read-only.
/// It makes the same checks, in the same order, as connecting through the driver would.
/// </summary>
/// <param name="busyTimeout">
/// How long to wait while another program holds the company exclusively (Sage does during backup, restore and
/// data repair) before reporting it as unreadable; 30 seconds when not given.
/// </param>
public sealed class SqliteSage50DataSourceFactory(TimeSpan? busyTimeout = null) : ISage50DataSourceFactory
{
    private readonly int _busyTimeoutSeconds = (int)Math.Max(1, Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds));

    public async Task<ISage50DataSource> OpenAsync(Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var dataDirectory = location.DataDirectory;
        var accData = Sage50AccessProblems.FindAccData(dataDirectory);
        var databaseFile = Path.Combine(accData, Sage50DataDirectory.DemoDatabaseFileName);
        if (!File.Exists(databaseFile))
        {
            throw Sage50AccessProblems.NoCompanyData(dataDirectory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            // No pooling: the agent opens a company per sync, and a pooled handle would keep the file locked
            // after the user has moved or restored the company.
            Pooling = false,
            DefaultTimeout = _busyTimeoutSeconds,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await CheckCredentialsAsync(connection, location, dataDirectory, cancellationToken);
            return new SqliteSage50DataSource(connection);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            if (e is Sage50AccessException or OperationCanceledException)
            {
                throw;
            }

            if (e is SqliteException { SqliteErrorCode: 26 /* SQLITE_NOTADB */ or 1 /* no such table */ })
            {
                throw Sage50AccessProblems.Unrecognised(dataDirectory, e);
            }

            throw Sage50AccessProblems.Unreadable(dataDirectory, e);
        }
    }

    private static async Task CheckCredentialsAsync(
        SqliteConnection connection, Sage50CompanyLocation location, string dataDirectory, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT SALT, PASSWORD_HASH, ITERATIONS FROM {DemoUserStore.TableName} WHERE USER_NAME = $user";
        command.Parameters.AddWithValue("$user", DemoUserStore.NormalizeUserName(location.UserName ?? ""));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accepted = await reader.ReadAsync(cancellationToken)
            && DemoUserStore.Verify(location.Password ?? "", (byte[])reader[0], (byte[])reader[1], reader.GetInt32(2));
        if (!accepted)
        {
            throw Sage50AccessProblems.WrongCredentials(dataDirectory);
        }
    }
}
