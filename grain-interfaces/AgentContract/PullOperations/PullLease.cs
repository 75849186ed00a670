namespace Ledgerlink.PullOperations;

/// <summary>
/// A connector's permission to run one pull operation, issued by the agent gateway once the connector has proved its
/// credential and that it serves the pull operation's company. Signed by the cluster, so batches, progress and completion
/// carry it instead of the credential and reach the pull operation in one hop; a lease for one pull operation or connector
/// is worth nothing for another.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.PullOperations.PullLease")]
public sealed record PullLease(
    [property: Id(0)] string PullOperationId,
    [property: Id(1)] string ConnectorId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] byte[] Signature)
{
    // The signature is a bearer token: keep it out of every log line a generated ToString would reach.
    public override string ToString() => $"PullLease {{ PullOperationId = {PullOperationId}, ConnectorId = {ConnectorId}, ExpiresAt = {ExpiresAt:O} }}";
}
