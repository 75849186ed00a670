using System.Data.Odbc;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// One kind of ODBC driver a Sage 50 company can be read through: which driver, the DSN-less connection string for a
/// company, and what must be checked once connected. The Sage Line 50 driver checks the login itself while
/// connecting; the SQLite driver over the demo company knows nothing of Sage users, so the demo's user store is
/// checked through the connection, as the SQLite source does.
/// </summary>
public interface ISage50OdbcDriver
{
    /// <summary>The driver and connection string for the company whose ACCDATA folder is <paramref name="accData"/>.</summary>
    /// <exception cref="Sage50AccessException">No usable driver, or the folder holds no data this driver reads.</exception>
    Sage50OdbcTarget Target(string accData, Sage50CompanyLocation location);

    /// <summary>Runs once the connection is open, before any reader uses it.</summary>
    Task AfterOpenAsync(OdbcConnection connection, Sage50CompanyLocation location, CancellationToken cancellationToken);
}
