using System.Data.Odbc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// Opens a company through ODBC with a DSN-less connection string. The folder checks come first, in the same order
/// and words as the SQLite source; then the driver chosen for this company (the SQLite driver when ACCDATA holds the
/// demo company's file, the Sage Line 50 driver otherwise) connects, and its errors are mapped to the same problems.
/// </summary>
public sealed class OdbcSage50DataSourceFactory(
    ISage50OdbcDriver sageDriver,
    ISage50OdbcDriver demoDriver,
    ILogger<OdbcSage50DataSourceFactory>? logger = null) : ISage50DataSourceFactory
{
    private readonly ILogger _logger = logger ?? NullLogger<OdbcSage50DataSourceFactory>.Instance;

    public async Task<ISage50DataSource> OpenAsync(Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var dataDirectory = location.DataDirectory;
        var accData = Sage50AccessProblems.FindAccData(dataDirectory);
        var driver = File.Exists(Path.Combine(accData, Sage50DataDirectory.DemoDatabaseFileName)) ? demoDriver : sageDriver;
        var target = driver.Target(accData, location);
        var connection = new OdbcConnection(target.ConnectionString);
        try
        {
            // OdbcConnection has no truly asynchronous open; the driver may wait on a lock, so keep the caller's thread free.
            await Task.Run(connection.Open, cancellationToken);
            await driver.AfterOpenAsync(connection, location, cancellationToken);
            _logger.LogInformation("Opened a Sage 50 company through the ODBC driver {Driver} ({Reason})", target.Driver, target.Reason);
            return new OdbcSage50DataSource(connection, target.Driver);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            if (e is Sage50AccessException or OperationCanceledException)
            {
                throw;
            }

            if (e is OdbcException odbc)
            {
                throw OdbcProblemMap.Map(odbc, dataDirectory, target.Driver);
            }

            // Loading unixODBC itself failed (libodbc.so.2 missing): the same advice as a missing driver.
            if (e is DllNotFoundException or TypeInitializationException)
            {
                throw Sage50AccessProblems.DriverMissing(target.Driver, e);
            }

            throw Sage50AccessProblems.Unreadable(dataDirectory, e);
        }
    }
}
