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
    private readonly int busyTimeoutSeconds = (int)Math.Max(1, Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds));

    public async Task<ISage50DataSource> OpenAsync(Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var dataDirectory = location.DataDirectory;
        if (string.IsNullOrWhiteSpace(dataDirectory) || !Directory.Exists(dataDirectory))
        {
            throw new Sage50AccessException(Sage50AccessProblem.DataDirectoryNotFound,
                $"The folder {dataDirectory} does not exist. In Sage 50, open Help > About and copy the Data Directory shown there.");
        }

        string? accData;
        try
        {
            accData = Sage50DataDirectory.FindAccData(dataDirectory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw Unreadable(dataDirectory, e);
        }

        if (accData is null)
        {
            throw new Sage50AccessException(Sage50AccessProblem.NotSageData,
                $"{dataDirectory} is not a Sage 50 data folder: it has no {Sage50DataDirectory.AccDataFolderName} folder.");
        }

        var databaseFile = Path.Combine(accData, Sage50DataDirectory.DemoDatabaseFileName);
        if (!File.Exists(databaseFile))
        {
            throw new Sage50AccessException(Sage50AccessProblem.NotSageData,
                $"{dataDirectory} is not a Sage 50 data folder: its {Sage50DataDirectory.AccDataFolderName} folder holds no company data.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            // No pooling: the agent opens a company per sync, and a pooled handle would keep the file locked
            // after the user has moved or restored the company.
            Pooling = false,
            DefaultTimeout = busyTimeoutSeconds,
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
                throw new Sage50AccessException(Sage50AccessProblem.NotSageData,
                    $"{dataDirectory} is not a Sage 50 data folder: its company data could not be recognised.", e);
            }

            throw Unreadable(dataDirectory, e);
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
            // Same words whether the user or the password is wrong, as Sage does: no hint which one exists.
            throw new Sage50AccessException(Sage50AccessProblem.WrongCredentials,
                $"Sage 50 rejected the user name or password for the company at {dataDirectory}. Use the same login you use to open this company in Sage 50.");
        }
    }

    private static Sage50AccessException Unreadable(string dataDirectory, Exception e) =>
        new(Sage50AccessProblem.Unreadable,
            $"The Sage 50 data in {dataDirectory} could not be read. Check that this Windows user can open the folder and that Sage 50 is not backing up, restoring or repairing the company, then try again.",
            e);
}
