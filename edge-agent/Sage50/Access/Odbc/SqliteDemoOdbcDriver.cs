using System.Data.Odbc;
using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// The demo company (ACCDATA/sage50.sqlite) through the SQLite ODBC driver (Debian's libsqliteodbc, registered with
/// unixODBC as <c>SQLite3</c>). This is how the ODBC path is exercised on a machine without Sage.
/// </summary>
/// <remarks>
/// The SQLite driver has no users: it would accept any UID/PWD. Sage's driver refuses a wrong login when connecting,
/// so this driver checks the demo's user store (<see cref="DemoUserStore"/>) right after connecting, through the ODBC
/// connection itself, with the same PBKDF2 check and the same words as the SQLite source. The connection is made
/// query-only: like Sage's driver (read-only), nothing the agent sends can change the company.
/// </remarks>
/// <param name="driverName">The driver's registered name; <c>SQLite3</c> unless configured.</param>
/// <param name="busyTimeout">How long to wait while another program holds the file before calling it unreadable.</param>
public sealed class SqliteDemoOdbcDriver(string? driverName = null, TimeSpan? busyTimeout = null) : ISage50OdbcDriver
{
    public const string DefaultDriverName = "SQLite3";

    private readonly string _driver = string.IsNullOrWhiteSpace(driverName) ? DefaultDriverName : driverName;

    private readonly long _busyMilliseconds = (long)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;

    public Sage50OdbcTarget Target(string accData, Sage50CompanyLocation location)
    {
        var file = Path.Combine(accData, Sage50DataDirectory.DemoDatabaseFileName);
        var builder = new OdbcConnectionStringBuilder { Driver = _driver };
        builder["Database"] = file;
        // NoCreat: a missing file is an error, never a new empty company. StepAPI: rows are stepped as they are read
        // instead of the whole result being copied into the driver's memory first.
        builder["NoCreat"] = "1";
        builder["StepAPI"] = "1";
        builder["Timeout"] = _busyMilliseconds.ToString(CultureInfo.InvariantCulture);
        return new Sage50OdbcTarget(_driver, builder.ConnectionString, "the demo company's SQLite file");
    }

    public async Task AfterOpenAsync(OdbcConnection connection, Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        using (var readOnly = connection.CreateCommand())
        {
            readOnly.CommandText = "PRAGMA query_only = 1";
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        using var command = connection.CreateCommand();
        // hex(): the SQLite driver hands BLOBs over as text; hex keeps the bytes exact whatever it does.
        command.CommandText = $"SELECT hex(SALT), hex(PASSWORD_HASH), ITERATIONS FROM {DemoUserStore.TableName} WHERE USER_NAME = ?";
        command.Parameters.Add(new OdbcParameter("user", OdbcType.VarChar) { Value = DemoUserStore.NormalizeUserName(location.UserName ?? "") });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accepted = await reader.ReadAsync(cancellationToken)
            && DemoUserStore.Verify(
                location.Password ?? "", Convert.FromHexString(reader.GetString(0)), Convert.FromHexString(reader.GetString(1)), Convert.ToInt32(reader[2], CultureInfo.InvariantCulture));
        if (!accepted)
        {
            throw Sage50AccessProblems.WrongCredentials(location.DataDirectory);
        }
    }
}
