namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// A catalogue given as a list: what non-Windows machines use (Sage's driver exists only for Windows, so the list is
/// empty and a real Sage company is reported as needing its driver), and what tests use to model a Windows PC.
/// </summary>
public sealed class FixedOdbcDriverCatalog(params string[] drivers) : IOdbcDriverCatalog
{
    public IReadOnlyList<string> InstalledDrivers() => drivers;
}
