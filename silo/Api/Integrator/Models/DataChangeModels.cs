using System.Text.Json.Serialization;
using Ledgerlink.Companies;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>The body of a reset or restore: the company owner's email address, as confirmation.</summary>
public sealed record DataChangeRequestBody([property: JsonPropertyName("ownerEmail")] string? OwnerEmail);

/// <summary>A reset or restore that was done, as recorded in the company's data audit log.</summary>
public sealed record DataChangeResponse(
    [property: JsonPropertyName("companyId")] string CompanyId,
    [property: JsonPropertyName("action")] DataAuditAction Action,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("fromGeneration")] long FromGeneration,
    [property: JsonPropertyName("toGeneration")] long ToGeneration,
    [property: JsonPropertyName("restorableGeneration")] long? RestorableGeneration,
    [property: JsonPropertyName("datasets")] int Datasets,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("cancelledSyncs")] int CancelledSyncs,
    [property: JsonPropertyName("auditEntryId")] string AuditEntryId)
{
    public static DataChangeResponse From(string companyId, DataAuditEntry entry, DataGenerationInfo generations) => new(
        companyId, entry.Action, entry.At, entry.FromGeneration, entry.ToGeneration, generations.Restorable,
        entry.Datasets, entry.Records, entry.CancelledSyncs, entry.Id);
}

/// <summary>One entry of a company's data audit log.</summary>
public sealed record DataAuditEntryResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("action")] DataAuditAction Action,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("fromGeneration")] long FromGeneration,
    [property: JsonPropertyName("toGeneration")] long ToGeneration,
    [property: JsonPropertyName("datasets")] int Datasets,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("cancelledSyncs")] int CancelledSyncs,
    [property: JsonPropertyName("detail")] string Detail)
{
    public static DataAuditEntryResponse From(DataAuditEntry entry) => new(
        entry.Id, entry.At, entry.Action, entry.Actor, entry.FromGeneration, entry.ToGeneration,
        entry.Datasets, entry.Records, entry.CancelledSyncs, entry.Detail);
}

/// <summary>Where a company's data generations stand.</summary>
public sealed record DataGenerationsResponse(
    [property: JsonPropertyName("currentGeneration")] long CurrentGeneration,
    [property: JsonPropertyName("restorableGeneration")] long? RestorableGeneration,
    [property: JsonPropertyName("canRestore")] bool CanRestore,
    [property: JsonPropertyName("lastReset")] DateTimeOffset? LastReset,
    [property: JsonPropertyName("lastRestore")] DateTimeOffset? LastRestore,
    [property: JsonPropertyName("retiredGenerationsAwaitingDeletion")] int RetiredAwaitingDeletion)
{
    public static DataGenerationsResponse From(DataGenerationInfo info) => new(
        info.Current, info.Restorable, info.Restorable is not null, info.LastReset, info.LastRestore, info.RetiredAwaitingDeletion);
}
