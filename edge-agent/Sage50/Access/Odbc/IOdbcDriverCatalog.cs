namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>The ODBC drivers installed on this PC, by their registered names (e.g. <c>Sage Line 50 v30</c>).</summary>
public interface IOdbcDriverCatalog
{
    IReadOnlyList<string> InstalledDrivers();
}
