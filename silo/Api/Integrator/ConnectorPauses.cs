using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using ConnectionInfo = Ledgerlink.Companies.ConnectionInfo;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Which companies the SMB has paused on their connector. The connector is the authority (it holds paused companies'
/// refreshes back), so responses ask it, once per distinct connector.
/// </summary>
public sealed class ConnectorPauses
{
    private readonly HashSet<(string ConnectorId, string CompanyId)> _paused;

    private ConnectorPauses(HashSet<(string, string)> paused) => _paused = paused;

    public static ConnectorPauses None { get; } = new([]);

    public static Task<ConnectorPauses> LoadAsync(IGrainFactory grains, CompanyInfo company) => LoadAsync(grains, [company]);

    public static async Task<ConnectorPauses> LoadAsync(IGrainFactory grains, IEnumerable<CompanyInfo> companies)
    {
        var connectorIds = companies
            .SelectMany(c => c.Connections)
            .Select(c => c.ConnectorId)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (connectorIds.Length == 0)
        {
            return None;
        }

        var infos = await Task.WhenAll(connectorIds.Select(id => grains.GetGrain<IConnectorGrain>(id).GetInfo()));
        var paused = infos
            .OfType<ConnectorInfo>()
            .SelectMany(info => info.PausedCompanyIds.Select(companyId => (info.Id, companyId)))
            .ToHashSet();
        return new ConnectorPauses(paused);
    }

    public bool IsPaused(string companyId, ConnectionInfo connection) =>
        connection.ConnectorId is { } connectorId && _paused.Contains((connectorId, companyId));
}
