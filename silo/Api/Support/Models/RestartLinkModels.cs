namespace Ledgerlink.Silo.Api.Support.Models;

/// <summary>Body of <c>PUT /support/connectors/{connectorId}/restart-link</c>.</summary>
public sealed record RestartLinkBody(bool? Enabled);

public sealed record RestartLinkResponse(string ConnectorId, bool RestartLinkEnabled);

public sealed record RestartRequestResponse(string ConnectorId, bool RestartRequested);
