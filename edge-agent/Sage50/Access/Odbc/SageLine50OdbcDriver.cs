using System.Data.Odbc;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// Sage 50 Accounts' own ODBC driver (Windows): <c>Driver={Sage Line 50 vNN};DIR=&lt;ACCDATA&gt;;UID=…;PWD=…</c>.
/// The driver is the one matching the company's data version (<see cref="SageDataVersion"/>,
/// <see cref="SageDriverChoice"/>) among those installed, unless configuration names one. The driver itself checks
/// the login when connecting and refuses data of another version; both are mapped by <see cref="OdbcProblemMap"/>.
/// </summary>
/// <remarks>Compiled on every platform, tested only through its choice of driver: no Sage driver runs on this machine.</remarks>
public sealed class SageLine50OdbcDriver(IOdbcDriverCatalog catalog, string? driverOverride = null) : ISage50OdbcDriver
{
    public Sage50OdbcTarget Target(string accData, Sage50CompanyLocation location)
    {
        string driver, reason;
        if (!string.IsNullOrWhiteSpace(driverOverride))
        {
            (driver, reason) = (driverOverride, "named in the agent's configuration");
        }
        else
        {
            var dataVersion = SageDataVersion.FromPath(location.DataDirectory) ?? SageDataVersion.FromPath(accData);
            var choice = SageDriverChoice.Choose(catalog.InstalledDrivers(), dataVersion)
                ?? throw Sage50AccessProblems.DriverMissing(SageDriverChoice.NameFor(dataVersion), null);
            (driver, reason) = (choice.Driver, choice.Reason);
        }

        var builder = new OdbcConnectionStringBuilder { Driver = driver };
        builder["DIR"] = accData;
        builder["UID"] = location.UserName ?? "";
        builder["PWD"] = location.Password ?? "";
        return new Sage50OdbcTarget(driver, builder.ConnectionString, reason);
    }

    // Sage's driver has refused a wrong login while connecting; nothing more to check.
    public Task AfterOpenAsync(OdbcConnection connection, Sage50CompanyLocation location, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
