using Ledgerlink.PullOperations;

namespace Ledgerlink.Companies;

/// <summary>
/// The answer to a refresh request: the queued pull operation, or why none was queued
/// (<see cref="RefreshRefusal"/>), which the HTTP API turns into Codat's error responses.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.RefreshOutcome")]
public sealed record RefreshOutcome(
    [property: Id(0)] PullOperationInfo? Operation,
    [property: Id(1)] RefreshRefusal? Refusal,
    [property: Id(2)] string? Reason);

[GenerateSerializer]
public enum RefreshRefusal
{
    CompanyNotFound,
    UnknownDataType,
    NoConnection,
    AlreadyInProgress,
}
