using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Access.Odbc;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Configuration;

/// <summary>
/// How the agent reads Sage 50 (section <c>Ledgerlink:Agent:Sage50</c>). The owner never types any of this: linking
/// and the link wizard ask only for the data directory and the Sage login, whichever source reads it.
/// </summary>
public sealed class AgentSage50Options
{
    public const string SqliteSource = "Sqlite";
    public const string OdbcSource = "Odbc";

    /// <summary>
    /// <c>Sqlite</c> (the default here): the demo company's SQLite file, opened directly. <c>Odbc</c>: through an ODBC
    /// driver, DSN-less: the Sage Line 50 driver matching the data's version for a real company, the SQLite ODBC
    /// driver for the demo company.
    /// </summary>
    public string Source { get; set; } = SqliteSource;

    /// <summary>The Sage driver to use instead of the one matching the data's version, e.g. <c>Sage Line 50 v30</c>.</summary>
    public string? OdbcDriver { get; set; }

    /// <summary>The ODBC driver for the demo company's SQLite file; <c>SQLite3</c> (unixODBC's name for libsqliteodbc) when not set.</summary>
    public string? DemoOdbcDriver { get; set; }

    /// <summary>
    /// How long to wait while another program holds the company exclusively (Sage does during backup, restore and
    /// data repair) before reporting it as unreadable.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesOdbc => string.Equals(Source, OdbcSource, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="AgentConfigurationException">Source names neither source.</exception>
    public void Validate()
    {
        if (!string.Equals(Source, SqliteSource, StringComparison.OrdinalIgnoreCase) && !UsesOdbc)
        {
            throw new AgentConfigurationException($"Ledgerlink:Agent:Sage50:Source must be {SqliteSource} or {OdbcSource}, not '{Source}'.");
        }

        if (BusyTimeout < TimeSpan.FromSeconds(1) || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new AgentConfigurationException("Ledgerlink:Agent:Sage50:BusyTimeout must be between 00:00:01 and 00:10:00.");
        }
    }

    /// <summary>The data source factory these settings describe.</summary>
    public ISage50DataSourceFactory CreateFactory(ILoggerFactory loggers)
    {
        Validate();
        if (!UsesOdbc)
        {
            return new SqliteSage50DataSourceFactory(BusyTimeout);
        }

        IOdbcDriverCatalog catalog = OperatingSystem.IsWindows() ? new RegistryOdbcDriverCatalog() : new FixedOdbcDriverCatalog();
        return new OdbcSage50DataSourceFactory(
            new SageLine50OdbcDriver(catalog, OdbcDriver),
            new SqliteDemoOdbcDriver(DemoOdbcDriver, BusyTimeout),
            loggers.CreateLogger<OdbcSage50DataSourceFactory>());
    }
}
