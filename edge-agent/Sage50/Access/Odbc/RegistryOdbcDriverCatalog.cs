using System.Runtime.Versioning;
using Microsoft.Win32;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// Windows' ODBC driver registry: the values of <c>HKLM\SOFTWARE\ODBC\ODBCINST.INI\ODBC Drivers</c> whose data is
/// "Installed". Written and compiled here, never run: this build machine is Linux.
/// </summary>
/// <remarks>
/// A process sees only the drivers of its own bitness: the 64-bit agent reads the 64-bit registry view, where Sage
/// registers its 64-bit driver (Sage 50 v28.1 and later). Older Sage versions ship a 32-bit driver only, registered
/// under WOW6432Node; an agent for those must be published for win-x86, and then this same code reads that view.
/// </remarks>
[SupportedOSPlatform("windows")]
public sealed class RegistryOdbcDriverCatalog : IOdbcDriverCatalog
{
    private const string DriversKey = @"SOFTWARE\ODBC\ODBCINST.INI\ODBC Drivers";

    public IReadOnlyList<string> InstalledDrivers()
    {
        using var drivers = Registry.LocalMachine.OpenSubKey(DriversKey);
        if (drivers is null)
        {
            return [];
        }

        return drivers.GetValueNames()
            .Where(name => string.Equals(drivers.GetValue(name) as string, "Installed", StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
