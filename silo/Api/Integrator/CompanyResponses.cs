using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Integrator.Models;
using ConnectionInfo = Ledgerlink.Companies.ConnectionInfo;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>Turns grain records into the Codat shapes the API returns.</summary>
public sealed class CompanyResponses(ApiLinks links)
{
    public CompanyResponse Company(CompanyInfo company) => Company(company, ConnectorPauses.None);

    public CompanyResponse Company(CompanyInfo company, ConnectorPauses pauses) => new(
        company.Id,
        company.Profile.Name,
        company.Profile.Description,
        links.CompanyLink(company.Id),
        company.LastSync,
        company.Created,
        CreatedByUserName: null,
        Products: [],
        company.Profile.Tags,
        OwnerUserIds: [],
        ReferenceSubsidiaryCompanies: [],
        company.Connections.Select(connection => Connection(company.Id, connection, pauses)).ToList(),
        company.Profile.OwnerEmail,
        company.Profile.BankFeedsConnected);

    public ConnectionResponse Connection(string companyId, ConnectionInfo connection) => Connection(companyId, connection, ConnectorPauses.None);

    /// <summary>The connection with the link code just issued: the only time the code is ever returned.</summary>
    public ConnectionResponse Connection(string companyId, IssuedLinkCode issued) =>
        Connection(companyId, issued.Connection) with
        {
            LinkUrl = links.ConnectionLink(companyId, issued.Connection.Id, issued.Code),
            LinkCode = issued.Code,
            LinkCodeExpires = issued.Expires,
        };

    /// <summary>
    /// <c>connectionInfo</c> carries our extensions once an agent has linked: <c>connectorId</c>, and <c>paused</c>
    /// ("true" while the SMB has paused the company's syncs on the agent).
    /// </summary>
    public ConnectionResponse Connection(string companyId, ConnectionInfo connection, ConnectorPauses pauses) => new(
        connection.Id,
        Sage50Integration.IntegrationId,
        connection.PlatformKey,
        Sage50Integration.SourceId,
        Sage50Integration.SourceType,
        Sage50Integration.Name,
        links.ConnectionLink(companyId, connection.Id),
        connection.Status,
        connection.LastSync,
        connection.Created,
        connection.ConnectorId is null ? null : new Dictionary<string, string>
        {
            ["connectorId"] = connection.ConnectorId,
            ["paused"] = pauses.IsPaused(companyId, connection) ? "true" : "false",
        });
}
