namespace Ledgerlink.Silo.Api.Support.Models;

/// <summary>Body of <c>POST /support/connectors/{connectorId}/revoke</c>: why, kept in the audit log.</summary>
public sealed record RevokeBody(string? Reason);

public sealed record RevokeResponse(string ConnectorId, DateTimeOffset Revoked, int CancelledSyncs);

public sealed record SecretRotationResponse(string ConnectorId, bool RotationRequested);
